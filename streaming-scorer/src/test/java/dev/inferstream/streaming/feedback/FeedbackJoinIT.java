/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback join under {@code TopologyTestDriver} (no broker; the real registry of the shared stack decodes the
 * envelopes): what its stores keep, and that it expires with the window.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(60)
class FeedbackJoinIT {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final String predictions =
            "predictions-" + UUID.randomUUID().toString().substring(0, 8);
    private final String outcomes = predictions + "-feedback";
    private final ScorerMetrics metrics = new ScorerMetrics();
    private SchemaRegistryClient registry;
    private AvroSerializer<SpecificRecord> values;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> predictionsIn;
    private TestInputTopic<byte[], byte[]> feedbackIn;

    @BeforeEach
    void setUp(TestStack stack) {
        registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        values = new AvroSerializer<>(registry, true, false);
        Properties p = new Properties();
        p.setProperty("application.id", "feedback-test");
        p.setProperty("bootstrap.servers", "unused:9092");
        p.setProperty("schema.registry.url", stack.registryUrl());
        p.setProperty("state.dir", dir.toString());
        p.setProperty("scorer.model.repository", dir.toString());
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", "events");
        p.setProperty("scorer.route.main.model", "fraud");
        p.setProperty("scorer.route.main.output", predictions);
        p.setProperty("scorer.route.main.feedback", outcomes);
        p.setProperty("scorer.feedback.window.ms", Long.toString(WINDOW.toMillis()));
        p.setProperty("scorer.quality.interval.ms", "60000");
        // the driver has every record at hand: no idling for the other input (the scorer's 500 ms waits for fetches)
        p.setProperty("max.task.idle.ms", "0");
        ScorerConfig config = ScorerConfig.from(p);
        Topology topology = new Topology();
        FeedbackTopology.add(topology, config, registry, metrics);
        driver = new TopologyTestDriver(topology, config.streams(), T0);
        predictionsIn = driver.createInputTopic(predictions, new ByteArraySerializer(), new ByteArraySerializer());
        feedbackIn = driver.createInputTopic(outcomes, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void waitingPredictionsAndKeyEntriesExpireWithTheWindow_issue12() {
        predict("old-key", "p-old", 1, "fraud", 0.9, T0);
        predict("new-key", "p-new", 1, "legit", 0.2, T0.plus(WINDOW.multipliedBy(3)));

        assertThat(keys(waiting())).containsExactly("p-new");
        assertThat(keys(latest())).containsExactly("new-key");

        feedback("old-key", null, "fraud", T0.plus(WINDOW.multipliedBy(3)));
        feedback("new-key", null, "legit", T0.plus(WINDOW.multipliedBy(3)).plusSeconds(1));
        assertThat(metrics.scrape())
                .contains("inferstream_feedback_total{outcome=\"unmatched\",route=\"main\"} 1.0")
                .contains("inferstream_feedback_total{outcome=\"joined\",route=\"main\"} 1.0");
    }

    @Test
    void aKeyKeepsOnlyItsNewestPredictionWhichFeedbackWithoutAnIdJudges() {
        predict("card-1", "p1", 1, "legit", 0.1, T0);
        predict("card-1", "p3", 3, "fraud", 0.8, T0.plusSeconds(3));
        predict("card-1", "p2", 2, "legit", 0.3, T0.plusSeconds(2));

        assertThat(latest().all()).toIterable().hasSize(1);
        feedback("card-1", null, "fraud", T0.plusSeconds(4));

        assertThat(quality(3).getCorrect())
                .as("judged the newest prediction, v3")
                .isEqualTo(1);
        assertThat(quality(2).getJoined()).isZero();
    }

    @Test
    void joinsFeedbackByPredictionIdOnceFromTheCompactProjection() {
        predict("card-1", "p1", 1, "fraud", 0.7, T0);
        feedback("card-1", "p1", "fraud", T0.plusSeconds(5));
        feedback("card-1", "p1", "fraud", T0.plusSeconds(6));

        QualityStats stats = quality(1);
        assertThat(stats.getJoined()).isEqualTo(1);
        assertThat(Quality.summarize(List.of(stats)).accuracy()).isEqualTo(1.0);
        assertThat(Quality.summarize(List.of(stats)).logLoss())
                .isCloseTo(-Math.log(0.7), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics.scrape()).contains("inferstream_feedback_total{outcome=\"duplicate\",route=\"main\"} 1.0");
        try (var waiting = waiting().all()) {
            byte[] marker = waiting.next().value;
            assertThat(marker).as("a joined prediction keeps a one-byte marker").hasSize(1);
        }
    }

    private void predict(String key, String id, int version, String label, double fraud, Instant at) {
        Prediction p = Prediction.newBuilder()
                .setPredictionId(id)
                .setKey(key)
                .setModel("fraud")
                .setVersion(version)
                .setSha256("0".repeat(64))
                .setArm("stable")
                .setScore(fraud)
                .setLabel(label)
                .setProbabilities(
                        List.of(new ClassProbability("legit", 1 - fraud), new ClassProbability("fraud", fraud)))
                .setSource(new SourceRecord("kafka", "events", 0, 42L))
                .setEventTime(at)
                .setScoredAt(at)
                .setLatencyMicros(100)
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ml.prediction.id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("ml.model", "fraud".getBytes(StandardCharsets.UTF_8));
        headers.add("ml.model.version", Integer.toString(version).getBytes(StandardCharsets.UTF_8));
        headers.add("ml.arm", "stable".getBytes(StandardCharsets.UTF_8));
        predictionsIn.pipeInput(
                new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), values.serialize(predictions, p), headers, at));
    }

    private void feedback(String key, String predictionId, String label, Instant at) {
        Feedback f = Feedback.newBuilder()
                .setPredictionId(predictionId)
                .setModel("fraud")
                .setLabel(label)
                .setEventTime(at)
                .build();
        feedbackIn.pipeInput(
                new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), values.serialize(outcomes, f), null, at));
    }

    private QualityStats quality(int version) {
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        List<QualityStats> published = new ArrayList<>();
        driver.createOutputTopic(
                        ScorerConfig.DEFAULT_QUALITY_TOPIC,
                        new ByteArrayDeserializer(),
                        AvroDeserializer.specific(registry, QualityStats.class))
                .readValuesToList()
                .forEach(published::add);
        return published.stream()
                .filter(s -> s.getVersion() == version)
                .reduce((a, b) -> b)
                .orElse(Quality.empty("fraud", version, "stable", 0));
    }

    private WindowStore<String, byte[]> waiting() {
        return driver.getWindowStore("feedback-waiting-main");
    }

    private WindowStore<byte[], String> latest() {
        return driver.getWindowStore("feedback-keys-main");
    }

    private static <K, V> List<String> keys(WindowStore<K, V> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<K>, V> all = store.all()) {
            while (all.hasNext()) {
                K key = all.next().key.key();
                keys.add(key instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : key.toString());
            }
        }
        return keys;
    }
}
