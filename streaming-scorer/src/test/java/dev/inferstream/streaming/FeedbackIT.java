/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Predictions joined with outcomes that arrive later: by prediction id or by key, duplicates and late or unknown
 * feedback counted but never joined, statistics kept across a restart that loses the local state.
 */
@Timeout(300)
class FeedbackIT extends WithScorerFixture {
    private static final long WINDOW_MS = 60_000;

    private String feedback;
    private String quality;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        feedback = stack.newTopic("feedback", 2);
        quality = "quality-" + fx.input;
    }

    @Test
    void feedbackIsJoinedOnceWithinTheWindowAndQualitySurvivesARestart() throws Exception {
        List<Prediction> predictions = new ArrayList<>();
        Map<String, byte[]> keys = new HashMap<>();
        ctl("deploy", "fraud", "1");
        try (StreamingScorer scorer = start()) {
            fx.produce(ScorerFixture.events(200, 11));
            produceSolo(10);
            for (ConsumerRecord<byte[], Prediction> r : fx.predictions(fx.output, 210, Duration.ofSeconds(60))) {
                predictions.add(r.value());
                keys.put(r.value().getPredictionId(), r.key());
            }
            predictions.sort(Comparator.comparing(p ->
                    p.getSource().getPartition() * 1_000_000L + p.getSource().getOffset()));
            List<Prediction> solo = predictions.stream()
                    .filter(p -> p.getKey().startsWith("solo-"))
                    .toList();
            List<Prediction> plain = predictions.stream()
                    .filter(p -> !p.getKey().startsWith("solo-"))
                    .toList();

            List<ProducerRecord<byte[], byte[]>> sends = new ArrayList<>();
            Expected expected = new Expected();
            for (int i = 0; i < 100; i++) {
                Prediction p = plain.get(i);
                String observed = i % 2 == 0 ? p.getLabel() : other(p.getLabel());
                sends.add(feedback(keys.get(p.getPredictionId()), p.getPredictionId(), observed, p, 1_000));
                expected.judge(p, observed);
            }
            for (int i = 0; i < 10; i++) {
                Prediction p = plain.get(i);
                sends.add(feedback(keys.get(p.getPredictionId()), p.getPredictionId(), other(p.getLabel()), p, 2_000));
            }
            for (int i = 0; i < 5; i++) {
                sends.add(feedback(
                        keys.get(plain.get(i).getPredictionId()), "unknown-" + i, "fraud", plain.get(i), 1_000));
            }
            for (Prediction p : solo) {
                sends.add(feedback(p.getKey().getBytes(StandardCharsets.UTF_8), null, p.getLabel(), p, 1_000));
                expected.judge(p, p.getLabel());
            }
            sends.add(new ProducerRecord<>(
                    feedback, "x".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)));
            send(sends);

            Quality.Summary summary = awaitQuality(s -> s.joined() == 110);
            assertThat(summary.joined()).isEqualTo(110);
            assertThat(summary.classified()).isEqualTo(110);
            assertThat(summary.predictions()).isEqualTo(210);
            assertThat(summary.accuracy()).isEqualTo(60 / 110.0);
            assertThat(summary.logLoss()).isCloseTo(expected.logLoss(), within(1e-9));
            assertThat(summary.precision()).isEqualTo(expected.precision());
            assertThat(summary.recall()).isEqualTo(expected.recall());
            Map<String, Double> metrics = MonitoringIT.scrape(scorer);
            assertThat(metrics)
                    .containsEntry("inferstream_feedback_total{outcome=\"duplicate\",route=\"main\"}", 10.0)
                    .containsEntry("inferstream_feedback_total{outcome=\"unmatched\",route=\"main\"}", 5.0);
            assertThat(metrics.get("inferstream_quality_accuracy{arm=\"stable\",model=\"fraud\",version=\"1\"}"))
                    .isEqualTo(60 / 110.0);
            String status = ctl("--json", "status", "fraud");
            assertThat(status).contains("\"joined\" : 110").contains("\"accuracy\" : " + (60 / 110.0));
            List<ConsumerRecord<byte[], DeadLetter>> letters = fx.consume(
                    fx.deadLetter, 1, Duration.ofSeconds(30), AvroDeserializer.specific(fx.registry, DeadLetter.class));
            assertThat(letters)
                    .singleElement()
                    .satisfies(r -> assertThat(r.value().getSource().getName()).isEqualTo(feedback));

            // a restart that loses the local state: statistics and waiting predictions come back from the changelog
            scorer.close();
            deleteRecursively(fx.stateDir);
            try (StreamingScorer again = start()) {
                List<ProducerRecord<byte[], byte[]>> more = new ArrayList<>();
                for (int i = 150; i < 160; i++) {
                    Prediction p = plain.get(i);
                    more.add(feedback(keys.get(p.getPredictionId()), p.getPredictionId(), p.getLabel(), p, 3_000));
                }
                send(more);
                Quality.Summary after = awaitQuality(s -> s.joined() == 120);
                assertThat(after.accuracy()).isEqualTo(70 / 120.0);

                // feedback later than the window finds nothing to join
                List<ProducerRecord<byte[], byte[]>> late = new ArrayList<>();
                for (int i = 160; i < 165; i++) {
                    Prediction p = plain.get(i);
                    late.add(feedback(
                            keys.get(p.getPredictionId()), p.getPredictionId(), p.getLabel(), p, WINDOW_MS + 1_000));
                }
                send(late);
                Awaitility.await("late feedback counted as unmatched")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(MonitoringIT.scrape(again))
                                .containsEntry(
                                        "inferstream_feedback_total{outcome=\"unmatched\",route=\"main\"}", 5.0));
                assertThat(awaitQuality(s -> true).joined()).isEqualTo(120);
            }
        }
    }

    /** What the joined feedback should come to, computed from the predictions themselves. */
    private static final class Expected {
        double logLoss;
        int n;
        int tp;
        int fp;
        int fn;

        void judge(Prediction p, String observed) {
            for (ClassProbability c : p.getProbabilities()) {
                if (c.getLabel().equals(observed)) {
                    logLoss -= Math.log(Math.max(c.getProbability(), 1e-15));
                }
            }
            n++;
            boolean predicted = p.getLabel().equals("fraud");
            boolean actual = observed.equals("fraud");
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }

        double logLoss() {
            return logLoss / n;
        }

        Double precision() {
            return tp + fp == 0 ? null : tp / (double) (tp + fp);
        }

        Double recall() {
            return tp + fn == 0 ? null : tp / (double) (tp + fn);
        }
    }

    private Quality.Summary awaitQuality(java.util.function.Predicate<Quality.Summary> done) {
        Map<String, QualityStats> newest = new HashMap<>();
        try (KafkaConsumer<byte[], QualityStats> consumer = new KafkaConsumer<>(
                fx.stack.consumerProperties(),
                new ByteArrayDeserializer(),
                AvroDeserializer.specific(fx.registry, QualityStats.class))) {
            consumer.subscribe(List.of(quality));
            return Awaitility.await("quality in the expected state")
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(10))
                    .until(
                            () -> {
                                for (ConsumerRecord<byte[], QualityStats> r : consumer.poll(Duration.ofMillis(200))) {
                                    newest.put(new String(r.key(), StandardCharsets.UTF_8), r.value());
                                }
                                return newest.isEmpty() ? null : Quality.summarize(newest.values());
                            },
                            s -> s != null && done.test(s));
        }
    }

    private ProducerRecord<byte[], byte[]> feedback(
            byte[] key, String predictionId, String label, Prediction p, long afterMillis) {
        long at = p.getEventTime().toEpochMilli() + afterMillis;
        Feedback f = new Feedback(predictionId, null, "fraud", label, null, Instant.ofEpochMilli(at));
        return new ProducerRecord<>(
                feedback, null, at, key, new AvroSerializer<Feedback>(fx.registry, true, false).serialize(feedback, f));
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            records.forEach(producer::send);
        }
    }

    private void produceSolo(int count) {
        List<GenericRecord> events = ScorerFixture.events(count, 12);
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(
                        fx.input,
                        ("solo-" + i).getBytes(StandardCharsets.UTF_8),
                        values.serialize(fx.input, events.get(i))));
            }
        }
    }

    private StreamingScorer start() throws Exception {
        StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.route.main.version=1\nscorer.route.main.feedback=" + feedback + "\nscorer.feedback.window.ms="
                        + WINDOW_MS + "\nscorer.quality.topic=" + quality + "\nscorer.quality.interval.ms=300\n"
                        + "scorer.control.topic=deployments-" + fx.input)));
        scorer.awaitRunning(Duration.ofSeconds(90));
        return scorer;
    }

    private String ctl(String... args) {
        return new Ctl(fx, "deployments-" + fx.input, "--quality-topic", quality).run(args);
    }

    private static String other(String label) {
        return label.equals("fraud") ? "legit" : "fraud";
    }

    private static void deleteRecursively(Path path) throws Exception {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
