/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.WireFormat;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.monitor.DriftWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one route's records in micro-batches: decode, then the shared {@link RecordScorer} path, then a
 * prediction, shadow predictions or a dead letter for every input record. Nothing is dropped: a record that
 * cannot be scored goes to the dead-letter topic with its stage and reason, and waiting records live in a
 * changelogged buffer.
 */
final class ScoringProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final RouteConfig route;
    private final RecordScorer scorer;
    private final AvroReader<GenericRecord> reader;
    private final ScoringTopology.Settings settings;
    private final ScorerMetrics metrics;
    private final DriftWatch drift;
    private final ScoringTopology.Nodes nodes;
    private ProcessorContext<byte[], SpecificRecord> context;
    private Emitter emitter;
    private MicroBatchBuffer buffer;

    ScoringProcessor(
            RouteConfig route,
            RecordScorer scorer,
            AvroReader<GenericRecord> reader,
            ScoringTopology.Settings settings,
            ScorerMetrics metrics,
            DriftWatch drift,
            ScoringTopology.Nodes nodes) {
        this.route = route;
        this.scorer = scorer;
        this.reader = reader;
        this.settings = settings;
        this.metrics = metrics;
        this.drift = drift;
        this.nodes = nodes;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.emitter = new Emitter(context, nodes);
        if (settings.batching()) {
            KeyValueStore<Integer, byte[]> store = context.getStateStore(nodes.buffer());
            buffer = new MicroBatchBuffer(store, settings.batchMaxRecords());
            if (!buffer.isEmpty()) {
                LOG.info("route {}: {} buffered records restored; scoring them first", route.name(), buffer.size());
            }
            long tick = Math.max(1, settings.batchMaxWait().toMillis());
            context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, now -> flushIfDue());
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        metrics.received(route.name());
        Map<String, byte[]> headers = KafkaHeaders.toMap(record.headers());
        if (buffer == null) {
            score(List.of(new BufferedRecord(
                    0,
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    record.timestamp(),
                    record.key(),
                    record.value(),
                    headers,
                    System.nanoTime())));
            return;
        }
        if (buffer.isFull()) {
            flush();
        }
        buffer.add(
                meta.topic(),
                meta.partition(),
                meta.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                headers);
        if (buffer.isFull()) {
            flush();
        }
    }

    private void flushIfDue() {
        if (!buffer.isEmpty()
                && System.nanoTime() - buffer.oldestArrivalNanos()
                        >= settings.batchMaxWait().toNanos()) {
            flush();
        }
    }

    private void flush() {
        score(buffer.drain());
    }

    private void score(List<BufferedRecord> batch) {
        List<RecordScorer.Input> inputs = new ArrayList<>(batch.size());
        for (BufferedRecord record : batch) {
            inputs.add(decode(record));
        }
        long start = System.nanoTime();
        List<RecordScorer.Result> results = scorer.score(inputs);
        metrics.batch(route.name(), batch.size(), System.nanoTime() - start);
        for (int i = 0; i < results.size(); i++) {
            emit(batch.get(i), results.get(i));
        }
    }

    private RecordScorer.Input decode(BufferedRecord record) {
        String key = KeyText.of(record.key());
        try {
            GenericRecord value = reader.read(record.value());
            if (value == null) {
                throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "the record has no value", null);
            }
            Lineage lineage = Lineage.kafka(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    key,
                    WireFormat.schemaId(record.value()),
                    record.timestamp());
            return RecordScorer.Input.decoded(
                    lineage,
                    record.key(),
                    record.value(),
                    record.headers(),
                    new AvroFieldSource(value),
                    record.arrivalNanos());
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw new StreamsException(
                        "route " + route.name() + ": the schema registry is unavailable; "
                                + "the records will be retried from the last commit",
                        e);
            }
            Lineage lineage =
                    Lineage.kafka(record.topic(), record.partition(), record.offset(), key, null, record.timestamp());
            return RecordScorer.Input.failed(
                    lineage,
                    record.key(),
                    record.value(),
                    record.headers(),
                    e.reason().name(),
                    e);
        }
    }

    private void emit(BufferedRecord input, RecordScorer.Result result) {
        if (result instanceof RecordScorer.Predicted predicted) {
            Prediction p = predicted.prediction();
            Map<String, byte[]> headers = predicted.headers();
            emitter.prediction(record(input, p, headers));
            metrics.scored(
                    route.name(), p, predicted.latencyNanos(), p.getScoredAt().toEpochMilli() - input.timestamp());
            if (drift != null) {
                drift.observe(predicted);
            }
            if (emitter.audits()) {
                emitter.audit(record(
                        input,
                        Envelopes.audit(
                                p,
                                input.value(),
                                predicted.input().fields(),
                                predicted.model().manifest().fieldPaths()),
                        headers));
            }
            for (RecordScorer.Shadow shadow : predicted.shadows()) {
                emitter.shadow(record(input, shadow.prediction(), shadow.headers()));
                metrics.shadowScored(
                        route.name(),
                        shadow.prediction().getModel(),
                        shadow.prediction().getVersion());
                metrics.shadowCompared(p, shadow.prediction());
            }
        } else if (result instanceof RecordScorer.DeadLettered dead) {
            emitter.deadLetter(record(input, dead.deadLetter(), input.headers()));
            metrics.deadLettered(
                    route.name(),
                    dead.deadLetter().getStage().name(),
                    dead.deadLetter().getReason());
            if (dead.deadLetter().getModel() != null && dead.deadLetter().getVersion() != null) {
                metrics.failed(dead.deadLetter().getModel(), dead.deadLetter().getVersion());
            }
            LOG.debug(
                    "route {}: dead-lettered {}-{}@{}: {} {}",
                    route.name(),
                    input.topic(),
                    input.partition(),
                    input.offset(),
                    dead.deadLetter().getStage(),
                    dead.deadLetter().getErrorMessage());
        }
    }

    private static Record<byte[], SpecificRecord> record(
            BufferedRecord input, SpecificRecord value, Map<String, byte[]> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach(kafkaHeaders::add);
        return new Record<>(input.key(), value, input.timestamp(), kafkaHeaders);
    }
}
