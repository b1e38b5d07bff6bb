/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.Stage;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.Explanations;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.Projection;
import dev.inferstream.schemas.serde.WireFormat;
import dev.inferstream.streaming.admin.ScoredBatch;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.errors.TransientFailure;
import dev.inferstream.streaming.monitor.DriftTally;
import dev.inferstream.streaming.monitor.DriftWatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
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
 * prediction (with its shadow predictions and audit record) or a dead letter for every input record. Nothing is
 * dropped and no record holds up the partition: whatever fails for one record (decoding, scoring, building or
 * encoding its outputs, an output too large for its topic) makes that record a dead letter with its stage and
 * reason. Only an unavailable schema registry stops processing, to be retried from the last commit.
 */
final class ScoringProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final RouteConfig route;
    private final RecordScorer scorer;
    private final AvroReader<GenericRecord> reader;
    /** The fields the route's deployment reads: records are decoded onto them. */
    private final RouteFields fields;

    private final ScoringTopology.Settings settings;
    private final ScorerMetrics metrics;
    /** The current batch's predictions, recorded in the metrics once the batch is written. */
    private final ScoredBatch scored = new ScoredBatch();
    /** This task's drift tally, merged into the shared monitors once per batch; null when drift is off. */
    private final DriftTally drift;

    private final ScoringTopology.Nodes nodes;
    private final RecordEncoder encoder;
    private ProcessorContext<byte[], byte[]> context;
    private Emitter emitter;
    private MicroBatchBuffer buffer;
    /** Wall-clock time (the task's clock) when the oldest waiting record arrived. */
    private long batchStartMillis;
    /** Why predictions went unexplained, each logged once. */
    private final Set<String> unexplainedReasons = new HashSet<>();

    ScoringProcessor(
            RouteConfig route,
            RecordScorer scorer,
            AvroReader<GenericRecord> reader,
            RouteFields fields,
            ScoringTopology.Settings settings,
            ScorerMetrics metrics,
            DriftWatch drift,
            ScoringTopology.Nodes nodes,
            RecordEncoder encoder) {
        this.route = route;
        this.scorer = scorer;
        this.reader = reader;
        this.fields = fields;
        this.settings = settings;
        this.metrics = metrics;
        this.drift = drift == null ? null : drift.tally();
        this.nodes = nodes;
        this.encoder = encoder;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.emitter = new Emitter(
                context,
                nodes,
                ScoringTopology.Topics.of(route, settings),
                encoder,
                settings.outputs(),
                metrics,
                route.name());
        if (settings.batching()) {
            KeyValueStore<Integer, byte[]> store = context.getStateStore(nodes.buffer());
            buffer = new MicroBatchBuffer(store, settings.batchMaxRecords());
            batchStartMillis = context.currentSystemTimeMs();
            if (!buffer.isEmpty()) {
                LOG.info("route {}: {} buffered records restored; scoring them first", route.name(), buffer.size());
            }
            context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        metrics.received(route.name());
        Map<String, byte[]> headers = KafkaHeaders.toMap(record.headers());
        if (buffer != null && MicroBatchBuffer.fits(record.key(), record.value(), headers)) {
            buffer(meta, record, headers);
            return;
        }
        if (buffer != null && !buffer.isEmpty()) {
            // too large for the buffer's changelog: what waits is scored first, then this record alone, in order
            flush();
        }
        score(List.of(arrived(0, meta, record, headers)));
    }

    private void buffer(RecordMetadata meta, Record<byte[], byte[]> record, Map<String, byte[]> headers) {
        if (buffer.isFull()) {
            flush();
        }
        if (buffer.isEmpty()) {
            batchStartMillis = context.currentSystemTimeMs();
        }
        buffer.add(arrived(buffer.nextSeq(), meta, record, headers));
        if (buffer.isFull()) {
            flush();
        }
    }

    private static BufferedRecord arrived(
            long seq, RecordMetadata meta, Record<byte[], byte[]> record, Map<String, byte[]> headers) {
        return new BufferedRecord(
                seq,
                meta.topic(),
                meta.partition(),
                meta.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                headers,
                System.nanoTime());
    }

    /**
     * Flushes the batch when waiting for the next tick could make its oldest record wait longer than the
     * configured maximum (ticks are {@link ScoringTopology.Settings#tick()} apart, and the stream thread may poll
     * up to {@code poll.ms} before a tick runs).
     */
    private void flushIfDue(long now) {
        if (!buffer.isEmpty()
                && now - batchStartMillis + settings.tick().toMillis() + settings.pollMs()
                        > settings.batchMaxWait().toMillis()) {
            flush();
        }
    }

    private void flush() {
        score(buffer.drain());
    }

    private void score(List<BufferedRecord> batch) {
        Projection projection = fields.current();
        List<RecordScorer.Input> inputs = decode(batch, projection);
        long start = System.nanoTime();
        List<RecordScorer.Result> results = scoreIsolated(inputs);
        if (!fields.stillCurrent(projection)) {
            // the deployment changed while the batch was scored: a version switched in may read a field left out
            inputs = decode(batch, null);
            start = System.nanoTime();
            results = scoreIsolated(inputs);
        }
        metrics.batch(route.name(), batch.size(), System.nanoTime() - start);
        try {
            for (int i = 0; i < results.size(); i++) {
                emit(batch.get(i), results.get(i));
            }
        } finally {
            // what was written is recorded even when a record after it stops the batch
            metrics.scored(route.name(), scored);
            if (drift != null) {
                drift.flush();
            }
        }
    }

    /** The batch's results; when the batch call fails unexpectedly, each record is scored alone. */
    private List<RecordScorer.Result> scoreIsolated(List<RecordScorer.Input> inputs) {
        try {
            return scorer.score(inputs);
        } catch (RuntimeException batchError) {
            if (inputs.size() == 1) {
                return List.of(failed(inputs.get(0), Stage.INFERENCE, batchError));
            }
            List<RecordScorer.Result> results = new ArrayList<>(inputs.size());
            for (RecordScorer.Input input : inputs) {
                try {
                    results.add(scorer.score(List.of(input)).get(0));
                } catch (RuntimeException e) {
                    results.add(failed(input, Stage.INFERENCE, e));
                }
            }
            return results;
        }
    }

    private List<RecordScorer.Input> decode(List<BufferedRecord> batch, Projection projection) {
        List<RecordScorer.Input> inputs = new ArrayList<>(batch.size());
        for (BufferedRecord record : batch) {
            inputs.add(decode(record, projection));
        }
        return inputs;
    }

    /** The record decoded onto {@code projection}, or whole when it is null. */
    private RecordScorer.Input decode(BufferedRecord record, Projection projection) {
        String key = KeyText.of(record.key());
        try {
            GenericRecord value =
                    projection == null ? reader.read(record.value()) : reader.read(record.value(), projection);
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
                throw registryUnavailable(e);
            }
            return undecodable(record, key, e.reason().name(), e);
        } catch (RuntimeException e) {
            return undecodable(record, key, "UNEXPECTED", e);
        }
    }

    private static RecordScorer.Input undecodable(BufferedRecord record, String key, String reason, Exception e) {
        Lineage lineage =
                Lineage.kafka(record.topic(), record.partition(), record.offset(), key, null, record.timestamp());
        return RecordScorer.Input.failed(lineage, record.key(), record.value(), record.headers(), reason, e);
    }

    private void emit(BufferedRecord input, RecordScorer.Result result) {
        if (result instanceof RecordScorer.DeadLettered dead) {
            deadLetter(input, dead.deadLetter());
            return;
        }
        RecordScorer.Predicted predicted = (RecordScorer.Predicted) result;
        if (route.explainTopK() > 0) {
            explain(predicted);
        }
        Prediction p = predicted.prediction();
        Emitter.Outputs outputs;
        try {
            outputs = emitter.encode(input, predicted);
        } catch (OutputFailure e) {
            deadLetter(input, letter(predicted.input(), e.stage(), e.reason(), e.error(), p.getVersion()));
            return;
        } catch (AvroSerdeException e) {
            // the encoder turns every other serde failure into an OutputFailure: this one is transient
            throw registryUnavailable(e);
        } catch (RuntimeException e) {
            deadLetter(input, letter(predicted.input(), Stage.SERIALIZE, "UNEXPECTED", e, p.getVersion()));
            return;
        }
        emitter.send(outputs);
        scored.add(p, predicted.latencyNanos(), p.getScoredAt().toEpochMilli() - input.timestamp());
        if (drift != null) {
            drift.add(predicted);
        }
    }

    /**
     * Attaches the prediction's top-k attributions (route key {@code explain}). A prediction that cannot be explained
     * is still written, without them; the reason is counted and logged once per distinct reason.
     */
    private void explain(RecordScorer.Predicted predicted) {
        Optional<String> unexplained = Explanations.attach(predicted, route.explainTopK());
        metrics.explained(route.name(), unexplained.isEmpty());
        unexplained.ifPresent(reason -> {
            if (unexplainedReasons.size() < 100 && unexplainedReasons.add(reason)) {
                LOG.warn("route {}: predictions are written without explanations: {}", route.name(), reason);
            }
        });
    }

    private TransientFailure registryUnavailable(AvroSerdeException e) {
        return new TransientFailure(
                "route " + route.name() + ": the schema registry is unavailable (" + e.getMessage()
                        + "); nothing is dead-lettered, the records are retried from the last commit",
                e);
    }

    private void deadLetter(BufferedRecord input, DeadLetter letter) {
        emitter.deadLetter(input, letter);
        metrics.deadLettered(route.name(), letter.getStage().name(), letter.getReason());
        if (letter.getModel() != null && letter.getVersion() != null) {
            metrics.failed(letter.getModel(), letter.getVersion());
        }
        LOG.debug(
                "route {}: dead-lettered {}-{}@{}: {} {}",
                route.name(),
                input.topic(),
                input.partition(),
                input.offset(),
                letter.getStage(),
                letter.getErrorMessage());
    }

    private RecordScorer.DeadLettered failed(RecordScorer.Input input, Stage stage, Exception e) {
        return new RecordScorer.DeadLettered(input, letter(input, stage, "UNEXPECTED", e, null));
    }

    /** A dead letter of {@code input}, filed under the route's model and {@code version} when known. */
    private DeadLetter letter(RecordScorer.Input input, Stage stage, String reason, Throwable error, Integer version) {
        return Envelopes.deadLetter(
                stage,
                reason,
                error,
                input.key(),
                input.value(),
                input.headers(),
                input.lineage(),
                route.model(),
                version,
                System.currentTimeMillis(),
                settings.scorerId());
    }
}
