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
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the scorer's topology: per route, a source on the input topic, a scoring processor (with its
 * micro-batch buffer store) and sinks for predictions, shadow predictions and dead letters.
 *
 * <pre>{@code
 * Topology topology = ScoringTopology.build(config, models, registry, metrics);
 * }</pre>
 */
public final class ScoringTopology {
    private ScoringTopology() {}

    /** How records are batched and attributed; derived from the scorer config. */
    public record Settings(int batchMaxRecords, Duration batchMaxWait, String scorerId) {
        /** Batch size 1 scores each record as it arrives, with no buffer. */
        public boolean batching() {
            return batchMaxRecords > 1;
        }

        public static Settings of(ScorerConfig config) {
            return new Settings(config.batchMaxRecords(), config.batchMaxWait(), config.scorerId());
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

    /** @param drift the drift watch, or null when drift detection is off */
    public static Topology build(
            ScorerConfig config,
            ModelService models,
            SchemaRegistryClient registry,
            ScorerMetrics metrics,
            DriftWatch drift) {
        Settings settings = Settings.of(config);
        Topology topology = new Topology();
        AvroReader<GenericRecord> reader = AvroReader.generic(registry);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry, true, false);
        for (RouteConfig route : config.routes()) {
            Nodes n = Nodes.of(route, config.monitoring().auditTopic().isPresent());
            topology.addSource(n.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), route.input());
            topology.addProcessor(
                    n.processor(),
                    () -> new ScoringProcessor(
                            route,
                            new RecordScorer(models, route.model(), settings.scorerId()),
                            reader,
                            settings,
                            metrics,
                            drift,
                            n),
                    n.source());
            if (settings.batching()) {
                topology.addStateStore(
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(n.buffer()), Serdes.Integer(), Serdes.ByteArray())
                                .withCachingEnabled()
                                .withLoggingEnabled(Map.of()),
                        n.processor());
            }
            topology.addSink(n.predictions(), route.output(), new ByteArraySerializer(), values, n.processor());
            topology.addSink(n.shadows(), route.shadow(), new ByteArraySerializer(), values, n.processor());
            topology.addSink(n.deadLetters(), route.deadLetter(), new ByteArraySerializer(), values, n.processor());
            if (n.audit() != null) {
                topology.addSink(
                        n.audit(),
                        config.monitoring().auditTopic().get(),
                        new ByteArraySerializer(),
                        values,
                        n.processor());
            }
        }
        return topology;
    }
}
