/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop from outcomes back to routing: a bandit that learns, canaries judged and decided automatically. */
@Timeout(300)
class ClosedLoopIT extends WithScorerFixture {
    private String control;
    private String feedback;
    private String quality;
    private ControlPlane plane;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        fx.publish("fraud", 2);
        control = "deployments-" + fx.input;
        feedback = stack.newTopic("feedback", 2);
        quality = "quality-" + fx.input;
        plane = new ControlPlane(
                stack.producerProperties(),
                fx.registry,
                ControlTopics.forDeployments(control)
                        .withStatus(control + ".status")
                        .withQuality(quality));
        ctl("deploy", "fraud", "1");
    }

    @Test
    void aBanditMovesTrafficToTheArmWithBetterRewardsAndKeepsTheFloor() throws Exception {
        try (StreamingScorer scorer = start()) {
            ctl("bandit", "fraud", "--arm", "a=1", "--arm", "b=2", "--min-percent", "5", "--update-every", "1s");
            Random random = new Random(9);
            int sent = 0;
            int share = 0;
            for (int round = 0; round < 12 && share <= 8_000; round++) {
                long revision = plane.current("fraud").orElseThrow().getRevision();
                produce(200, "r" + round + "-");
                List<ProducerRecord<byte[], byte[]>> rewards = new ArrayList<>();
                for (ConsumerRecord<byte[], Prediction> r :
                        fx.predictions(fx.output, sent + 200, Duration.ofSeconds(60))) {
                    Prediction p = r.value();
                    if (p.getKey().startsWith("r" + round + "-")) {
                        double chance = p.getArm().equals("bandit:b") ? 0.9 : 0.2;
                        rewards.add(reward(r.key(), p, random.nextDouble() < chance ? 1.0 : 0.0));
                    }
                }
                assertThat(rewards).hasSize(200);
                send(rewards);
                sent += 200;
                // the controller publishes new shares once rewards are joined; they move a long way from an even
                // split when one arm pays 0.9 and the other 0.2
                await("the controller moves the bandit's shares")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> plane.current("fraud").orElseThrow().getRevision() > revision
                                || share(plane.current("fraud").orElseThrow(), "b") > 8_000);
                share = share(plane.current("fraud").orElseThrow(), "b");
            }
            assertThat(share)
                    .as("share of the better arm after " + sent + " rewards")
                    .isGreaterThan(8_000);
            List<Deployment> bandits = plane.history("fraud").stream()
                    .filter(d -> d.getBandit() != null)
                    .toList();
            assertThat(bandits).hasSizeGreaterThanOrEqualTo(2);
            assertThat(bandits)
                    .allSatisfy(d -> assertThat(d.getBandit().getArms())
                            .allSatisfy(a -> assertThat(a.getBasisPoints()).isGreaterThanOrEqualTo(500)));
            assertThat(bandits.get(bandits.size() - 1).getChangedBy()).startsWith("bandit@");
        }
    }

    @Test
    void aFailingCanaryIsRolledBackAndAHealthyOneIsPromotedAutomatically() throws Exception {
        fx.repository.publish(
                new ModelRef("fraud", 3),
                TestModels.manifest("fraud", 3, ScorerFixture.FEATURES + 1, TestModels.BINARY_OUTPUTS)
                        .getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(ScorerFixture.FEATURES + 1, 16, 8, 2, 3));
        AtomicBoolean traffic = new AtomicBoolean(true);
        try (StreamingScorer scorer = start()) {
            Thread load = new Thread(() -> {
                for (int i = 0; traffic.get(); i++) {
                    produce(100, "t" + i + "-");
                    sleep(200);
                }
            });
            load.start();
            try {
                analysedCanary("3");
                Deployment rolledBack = awaitDeployment(d -> d.getChangedBy().startsWith("canary-analysis"));
                assertThat(rolledBack.getCanary()).isNull();
                assertThat(rolledBack.getStable()).isEqualTo(1);
                assertThat(rolledBack.getReason()).contains("error rate");

                analysedCanary("2");
                Deployment promoted = awaitDeployment(d -> d.getStable() == 2);
                assertThat(promoted.getCanary()).isNull();
                assertThat(promoted.getChangedBy()).startsWith("canary-analysis");
                assertThat(promoted.getReason()).contains("promoted");
                assertThat(ctl("history", "fraud"))
                        .contains("canary analysis: error rate")
                        .contains("canary analysis: promoted");
            } finally {
                traffic.set(false);
                load.join();
            }
        }
    }

    /**
     * Starts a 50 % canary of {@code version} for canary analysis to promote or roll back: at most 5 points more
     * errors than stable, over at least 50 samples, observed for 2 s.
     */
    private void analysedCanary(String version) {
        ctl(
                "canary",
                "fraud",
                version,
                "--percent",
                "50",
                "--max-error-rate-increase",
                "0.05",
                "--min-samples",
                "50",
                "--observe",
                "2s");
    }

    private Deployment awaitDeployment(Predicate<Deployment> condition) {
        return await("a deployment decided by the controller")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> plane.current("fraud").orElseThrow(), condition);
    }

    private static int share(Deployment d, String arm) {
        if (d.getBandit() == null) {
            return 0;
        }
        return d.getBandit().getArms().stream()
                .filter(a -> a.getName().equals(arm))
                .mapToInt(BanditArm::getBasisPoints)
                .sum();
    }

    private ProducerRecord<byte[], byte[]> reward(byte[] key, Prediction p, double reward) {
        long at = p.getEventTime().toEpochMilli() + 500;
        Feedback f = new Feedback(p.getPredictionId(), null, "fraud", null, reward, Instant.ofEpochMilli(at));
        return new ProducerRecord<>(
                feedback, null, at, key, new AvroSerializer<Feedback>(fx.registry, true, false).serialize(feedback, f));
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            records.forEach(producer::send);
        }
    }

    private void produce(int count, String keyPrefix) {
        List<GenericRecord> events = ScorerFixture.events(count, keyPrefix.hashCode());
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(
                        fx.input,
                        (keyPrefix + i).getBytes(StandardCharsets.UTF_8),
                        values.serialize(fx.input, events.get(i))));
            }
        }
    }

    private StreamingScorer start() throws Exception {
        StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.route.main.version=1\nscorer.route.main.feedback=" + feedback + "\nscorer.quality.topic="
                        + quality + "\nscorer.quality.interval.ms=300\nscorer.control.topic=" + control
                        + "\nscorer.status.topic=" + control + ".status\nscorer.status.interval.ms=300\n"
                        + "scorer.controller.interval.ms=500")));
        scorer.awaitRunning(Duration.ofSeconds(90));
        return scorer;
    }

    private String ctl(String... args) {
        return new Ctl(fx, control, "--status-topic", control + ".status", "--quality-topic", quality).run(args);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
