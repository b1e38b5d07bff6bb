/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.monitor.DriftWatch;
import dev.inferstream.streaming.topics.OutputTopics;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the scorer's topology: per route, a source on the input topic, a scoring processor (with its
 * micro-batch buffer store) and sinks for predictions, shadow predictions, dead letters and audit records. The
 * processor encodes every output itself, so the sinks only pass bytes on.
 *
 * <pre>{@code
 * Topology topology = ScoringTopology.build(config, models, registry, metrics, drift, outputTopics);
 * }</pre>
 */
public final class ScoringTopology {
    private ScoringTopology() {}

    /**
     * How records are batched and attributed; derived from the scorer config.
     *
     * @param pollMs how long the stream thread may block polling for input before it runs a tick
     * @param outputs what is known about the topics written
     */
    public record Settings(
            int batchMaxRecords,
            Duration batchMaxWait,
            long pollMs,
            String scorerId,
            OutputTopics outputs,
            String auditTopic) {
        /** Batch size 1 scores each record as it arrives, with no buffer. */
        public boolean batching() {
            return batchMaxRecords > 1;
        }

        /** How often a waiting batch is checked: half the longest wait, so a record waits at most that long. */
        public Duration tick() {
            return Duration.ofMillis(Math.max(1, batchMaxWait.toMillis() / 2));
        }

        public static Settings of(ScorerConfig config, OutputTopics outputs) {
            return new Settings(
                    config.batchMaxRecords(),
                    config.batchMaxWait(),
                    config.pollMs(),
                    config.scorerId(),
                    outputs,
                    config.monitoring().auditTopic().orElse(null));
        }
    }

    /** Node and store names of one route. */
    record Nodes(
            String source,
            String processor,
            String predictions,
            String shadows,
            String deadLetters,
            String buffer,
            String audit) {
        static Nodes of(RouteConfig route, boolean audited) {
            String r = route.name();
            return new Nodes(
                    "source-" + r,
                    "score-" + r,
                    "predictions-" + r,
                    "shadows-" + r,
                    "dead-letters-" + r,
                    "micro-batch-" + r,
                    audited ? "audit-" + r : null);
        }
    }

    /** The topics one route writes. */
    record Topics(String predictions, String shadows, String deadLetters, String audit) {
        static Topics of(RouteConfig route, Settings settings) {
            return new Topics(route.output(), route.shadow(), route.deadLetter(), settings.auditTopic());
        }
    }

    /**
     * Settings of a micro-batch store's changelog topic (applied when Kafka Streams creates it): it keeps at most
     * capacity + 1 live records but gains some with every commit, and the broker compacts only rolled segments, so
     * small, time-bounded segments keep what a task's next owner replays before scoring to a few megabytes instead
     * of up to a 1 GiB segment.
     */
    static final Map<String, String> BUFFER_CHANGELOG = Map.of(
            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024),
            TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()));

    /** A route's micro-batch store: in memory, cached (its changelog gets at most capacity + 1 records per commit). */
    static StoreBuilder<KeyValueStore<Integer, byte[]>> bufferStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Integer(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(BUFFER_CHANGELOG);
    }

    /** @param drift the drift watch, or null when drift detection is off */
    public static Topology build(
            ScorerConfig config,
            ModelService models,
            SchemaRegistryClient registry,
            ScorerMetrics metrics,
            DriftWatch drift,
            OutputTopics outputs) {
        return build(config, models, registry, metrics, drift, outputs, new AvroSerializer<>(registry, true, false));
    }

    /** As above, encoding outputs with {@code values}. */
    static Topology build(
            ScorerConfig config,
            ModelService models,
            SchemaRegistryClient registry,
            ScorerMetrics metrics,
            DriftWatch drift,
            OutputTopics outputs,
            Serializer<SpecificRecord> values) {
        Settings settings = Settings.of(config, outputs);
        Topology topology = new Topology();
        AvroReader<GenericRecord> reader = AvroReader.generic(registry);
        RecordEncoder encoder = new RecordEncoder(values, outputs);
        ByteArraySerializer bytes = new ByteArraySerializer();
        for (RouteConfig route : config.routes()) {
            Nodes n = Nodes.of(route, settings.auditTopic() != null);
            topology.addSource(n.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), route.input());
            topology.addProcessor(
                    n.processor(),
                    () -> new ScoringProcessor(
                            route,
                            new RecordScorer(models, route.model(), settings.scorerId()),
                            reader,
                            new RouteFields(models, route.model()),
                            settings,
                            metrics,
                            drift,
                            n,
                            encoder),
                    n.source());
            if (settings.batching()) {
                topology.addStateStore(bufferStore(n.buffer()), n.processor());
            }
            topology.addSink(n.predictions(), route.output(), bytes, bytes, n.processor());
            topology.addSink(n.shadows(), route.shadow(), bytes, bytes, n.processor());
            topology.addSink(n.deadLetters(), route.deadLetter(), bytes, bytes, n.processor());
            if (n.audit() != null) {
                topology.addSink(n.audit(), settings.auditTopic(), bytes, bytes, n.processor());
            }
        }
        return topology;
    }
}
