/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends the scorer's outputs (predictions, shadow predictions, dead letters, audit records) to their sinks. */
final class Emitter {
    private final ProcessorContext<byte[], SpecificRecord> context;
    private final String predictions;
    private final String shadows;
    private final String deadLetters;
    private final String audit;

    Emitter(ProcessorContext<byte[], SpecificRecord> context, ScoringTopology.Nodes nodes) {
        this.context = context;
        this.predictions = nodes.predictions();
        this.shadows = nodes.shadows();
        this.deadLetters = nodes.deadLetters();
        this.audit = nodes.audit();
    }

    boolean audits() {
        return audit != null;
    }

    void audit(Record<byte[], SpecificRecord> record) {
        context.forward(record, audit);
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
