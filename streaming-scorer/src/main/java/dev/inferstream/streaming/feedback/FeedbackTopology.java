/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds, for every route with a feedback topic, the join of its predictions with their observed outcomes: the
 * route's prediction topic and its feedback topic (same keys, same partition count) feed one processor whose
 * stores keep waiting predictions, each key's latest prediction id (both expire with the feedback window) and
 * quality statistics.
 */
public final class FeedbackTopology {
    private FeedbackTopology() {}

    /** Node, store and topic names of one route's feedback join. */
    record Route(
            String name,
            String model,
            String predictions,
            String feedbackTopic,
            Duration window,
            Duration publishInterval,
            String scorerId) {
        String waitingStore() {
            return "feedback-waiting-" + name;
        }

        /** Each key's latest prediction id, for feedback without one; a window store, so keys expire. */
        String latestStore() {
            return "feedback-keys-" + name;
        }

        String statsStore() {
            return "quality-" + name;
        }

        String qualitySink() {
            return "quality-sink-" + name;
        }

        String deadLetterSink() {
            return "feedback-dead-letters-" + name;
        }
    }

    /** The processor node joining {@code route}'s feedback: it handles one input record at a time. */
    public static String joinerNode(String route) {
        return "feedback-join-" + route;
    }

    public static void add(
            Topology topology, ScorerConfig config, SchemaRegistryClient registry, ScorerMetrics metrics) {
        AvroReader<Prediction> predictions = AvroReader.specific(registry, Prediction.class);
        AvroReader<Feedback> feedback = AvroReader.specific(registry, Feedback.class);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry, true, false);
        for (RouteConfig rc : config.routes()) {
            if (rc.feedback() == null) {
                continue;
            }
            Route route = new Route(
                    rc.name(),
                    rc.model(),
                    rc.output(),
                    rc.feedback(),
                    config.feedback().window(),
                    config.feedback().publishInterval(),
                    config.scorerId());
            String predictionSource = "feedback-predictions-" + rc.name();
            String feedbackSource = "feedback-" + rc.name();
            String joiner = joinerNode(rc.name());
            topology.addSource(predictionSource, new ByteArrayDeserializer(), new ByteArrayDeserializer(), rc.output());
            topology.addSource(feedbackSource, new ByteArrayDeserializer(), new ByteArrayDeserializer(), rc.feedback());
            topology.addProcessor(
                    joiner,
                    () -> new FeedbackJoiner(route, predictions, feedback, metrics),
                    predictionSource,
                    feedbackSource);
            topology.addStateStore(
                    Stores.windowStoreBuilder(
                            Stores.persistentWindowStore(
                                    route.waitingStore(), route.window(), Duration.ofMillis(1), false),
                            Serdes.String(),
                            Serdes.ByteArray()),
                    joiner);
            topology.addStateStore(
                    Stores.windowStoreBuilder(
                            Stores.persistentWindowStore(
                                    route.latestStore(), route.window(), Duration.ofMillis(1), false),
                            Serdes.ByteArray(),
                            Serdes.String()),
                    joiner);
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(route.statsStore()),
                                    Serdes.String(),
                                    Serdes.ByteArray())
                            .withCachingEnabled(),
                    joiner);
            topology.addSink(
                    route.qualitySink(), config.feedback().qualityTopic(), new ByteArraySerializer(), values, joiner);
            topology.addSink(route.deadLetterSink(), rc.deadLetter(), new ByteArraySerializer(), values, joiner);
        }
    }
}
