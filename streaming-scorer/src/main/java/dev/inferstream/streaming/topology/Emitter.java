package dev.inferstream.streaming.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends the scorer's three kinds of output to the route's sink nodes. */
final class Emitter {
    private final ProcessorContext<byte[], SpecificRecord> context;
    private final String predictions;
    private final String shadows;
    private final String deadLetters;

    Emitter(ProcessorContext<byte[], SpecificRecord> context, ScoringTopology.Nodes nodes) {
        this.context = context;
        this.predictions = nodes.predictions();
        this.shadows = nodes.shadows();
        this.deadLetters = nodes.deadLetters();
    }

    void prediction(Record<byte[], SpecificRecord> record) {
        context.forward(record, predictions);
    }

    void shadow(Record<byte[], SpecificRecord> record) {
        context.forward(record, shadows);
    }

    void deadLetter(Record<byte[], SpecificRecord> record) {
        context.forward(record, deadLetters);
    }
}
