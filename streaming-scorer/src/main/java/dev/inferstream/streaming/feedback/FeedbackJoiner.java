/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import dev.inferstream.model.Stage;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.WireFormat;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.errors.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a route's predictions with the outcomes observed later (the feedback topic, keyed like the scored
 * records, so both arrive in the same task) and keeps per version and arm quality statistics in a changelogged
 * store, published to the quality topic every interval. A prediction waits for feedback for the feedback window
 * (by record timestamps) as a {@link WaitingPrediction}, a compact projection; feedback names its prediction by
 * id, or else applies to its key's latest prediction within the window. Both stores are window stores, so their
 * entries expire with the window. Feedback that finds no prediction (late or unknown) and duplicates are counted,
 * never joined twice; feedback that cannot be read goes to the dead-letter topic.
 */
final class FeedbackJoiner implements Processor<byte[], byte[], byte[], SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackJoiner.class);
    private static final byte[] JOINED = {0};

    private final FeedbackTopology.Route route;
    private final AvroReader<Prediction> predictions;
    private final AvroReader<Feedback> feedback;
    private final ScorerMetrics metrics;
    private ProcessorContext<byte[], SpecificRecord> context;
    private WindowStore<String, byte[]> waiting;
    private WindowStore<byte[], String> latest;
    private KeyValueStore<String, byte[]> stats;
    /** Decoded statistics, so a record costs one encode (the store write) and no decode. */
    private final Map<String, QualityStats> decoded = new HashMap<>();

    FeedbackJoiner(
            FeedbackTopology.Route route,
            AvroReader<Prediction> predictions,
            AvroReader<Feedback> feedback,
            ScorerMetrics metrics) {
        this.route = route;
        this.predictions = predictions;
        this.feedback = feedback;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.waiting = context.getStateStore(route.waitingStore());
        this.latest = context.getStateStore(route.latestStore());
        this.stats = context.getStateStore(route.statsStore());
        decoded.clear();
        context.schedule(route.publishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publish(now));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        if (meta.topic().equals(route.predictions())) {
            remember(record);
        } else {
            judge(record, meta);
        }
    }

    private void remember(Record<byte[], byte[]> record) {
        Header id = record.headers().lastHeader("ml.prediction.id");
        if (id == null || record.value() == null) {
            return;
        }
        WaitingPrediction prediction;
        try {
            prediction = WaitingPrediction.of(predictions.read(record.value()));
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw new TransientFailure("the schema registry is unavailable; predictions are retried", e);
            }
            LOG.debug(
                    "route {}: a record on {} is not a prediction: {}",
                    route.name(),
                    route.predictions(),
                    e.toString());
            return;
        }
        String predictionId = new String(id.value(), StandardCharsets.UTF_8);
        waiting.put(predictionId, prediction.toBytes(), record.timestamp());
        if (record.key() != null) {
            rememberLatest(record.key(), predictionId, record.timestamp());
        }
        QualityStats s = stats(route.model(), prediction.version(), prediction.arm());
        s.setPredictions(s.getPredictions() + 1);
        save(s);
    }

    /** Keeps only the newest prediction id of {@code key} (by timestamp) in the window store of keys. */
    private void rememberLatest(byte[] key, String predictionId, long timestamp) {
        List<Long> older = new ArrayList<>(1);
        try (WindowStoreIterator<String> kept = latest.fetch(
                key,
                Instant.ofEpochMilli(Math.max(0, timestamp - route.window().toMillis())),
                Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (kept.hasNext()) {
                long at = kept.next().key;
                if (at > timestamp) {
                    return;
                }
                if (at < timestamp) {
                    older.add(at);
                }
            }
        }
        latest.put(key, predictionId, timestamp);
        older.forEach(at -> latest.put(key, null, at));
    }

    private void judge(Record<byte[], byte[]> record, RecordMetadata meta) {
        Feedback observed;
        try {
            observed = feedback.read(record.value());
            if (observed == null) {
                throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "the feedback has no value", null);
            }
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw new TransientFailure("the schema registry is unavailable; feedback is retried", e);
            }
            deadLetter(record, meta, e.reason().name(), e);
            return;
        }
        long at = record.timestamp();
        String predictionId = observed.getPredictionId() != null
                ? observed.getPredictionId()
                : record.key() == null ? null : latestOf(record.key(), at);
        KeyValue<Long, byte[]> stored = predictionId == null ? null : find(predictionId, at);
        if (stored == null) {
            metrics.feedback(route.name(), "unmatched");
            return;
        }
        if (stored.value.length == 1 && stored.value[0] == JOINED[0]) {
            metrics.feedback(route.name(), "duplicate");
            return;
        }
        WaitingPrediction prediction = read(stored.value);
        QualityStats s = stats(route.model(), prediction.version(), prediction.arm());
        Quality.join(s, prediction.toPrediction(route.model()), observed);
        save(s);
        waiting.put(predictionId, JOINED, stored.key);
        metrics.feedback(route.name(), "joined");
    }

    /** Entries written before the compact projection hold the whole encoded {@code Prediction}. */
    private WaitingPrediction read(byte[] stored) {
        return stored[0] == WireFormat.MAGIC_BYTE
                ? WaitingPrediction.of(predictions.read(stored))
                : WaitingPrediction.fromBytes(stored);
    }

    /** The newest prediction id of {@code key} within the window before {@code at}. */
    private String latestOf(byte[] key, long at) {
        try (WindowStoreIterator<String> found = latest.backwardFetch(
                key, Instant.ofEpochMilli(Math.max(0, at - route.window().toMillis())), Instant.ofEpochMilli(at))) {
            return found.hasNext() ? found.next().value : null;
        }
    }

    /**
     * The waiting prediction (or the joined marker) with this id and its timestamp, if it is within the window of
     * {@code at}.
     */
    private KeyValue<Long, byte[]> find(String predictionId, long at) {
        long from = at - route.window().toMillis();
        try (WindowStoreIterator<byte[]> found =
                waiting.fetch(predictionId, Instant.ofEpochMilli(Math.max(0, from)), Instant.ofEpochMilli(at))) {
            KeyValue<Long, byte[]> last = null;
            while (found.hasNext()) {
                last = found.next();
            }
            return last;
        }
    }

    private QualityStats stats(String model, int version, String arm) {
        return decoded.computeIfAbsent(key(model, version, arm), key -> {
            byte[] bytes = stats.get(key);
            return bytes == null
                    ? Quality.empty(model, version, arm, context.taskId().partition())
                    : StatsCodec.decode(bytes);
        });
    }

    private void save(QualityStats s) {
        stats.put(key(s.getModel(), s.getVersion(), s.getArm()), StatsCodec.encode(s));
    }

    private static String key(String model, int version, String arm) {
        return model + "|" + version + "|" + arm;
    }

    private void publish(long now) {
        try (KeyValueIterator<String, byte[]> all = stats.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                QualityStats s = decoded.computeIfAbsent(entry.key, k -> StatsCodec.decode(entry.value));
                s.setPartition(context.taskId().partition());
                s.setUpdatedAt(Instant.ofEpochMilli(now));
                byte[] key = (key(s.getModel(), s.getVersion(), s.getArm()) + "|" + s.getPartition())
                        .getBytes(StandardCharsets.UTF_8);
                context.forward(new Record<>(key, (SpecificRecord) s, now), route.qualitySink());
                metrics.quality(context.taskId().toString(), Quality.copy(s));
            }
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String reason, Exception error) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), h.value()));
        Lineage lineage = Lineage.kafka(
                meta.topic(), meta.partition(), meta.offset(), KeyText.of(record.key()), null, record.timestamp());
        RecordHeaders out = new RecordHeaders();
        headers.forEach(out::add);
        context.forward(
                new Record<>(
                        record.key(),
                        (SpecificRecord) Envelopes.deadLetter(
                                Stage.DECODE,
                                reason,
                                error,
                                record.key(),
                                record.value(),
                                headers,
                                lineage,
                                null,
                                null,
                                System.currentTimeMillis(),
                                route.scorerId()),
                        record.timestamp(),
                        out),
                route.deadLetterSink());
        metrics.deadLettered(route.name(), Stage.DECODE.name(), reason);
    }
}
