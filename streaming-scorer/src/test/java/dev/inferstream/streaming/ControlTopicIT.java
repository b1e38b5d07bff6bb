/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deployments written to the control topic take effect live, without a restart; invalid ones are ignored. */
@Timeout(180)
class ControlTopicIT extends WithScorerFixture {
    private String control;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        fx.publish("fraud", 2);
        control = "deployments-" + fx.input;
        stack.createTopic(control, 1, Map.of("cleanup.policy", "compact"));
    }

    @Test
    void canaryThenPromotionTakeEffectLiveAndInvalidSpecsAreIgnored() throws Exception {
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(
                fx.config("fraud", "scorer.route.main.version=1\nscorer.control.topic=" + control)))) {
            scorer.awaitRunning(Duration.ofSeconds(60));

            deploy(deployment(1, 1).setCanary(new Canary(2, 5_000, null)).build());
            await("canary v2 loaded")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> scorer.models()
                            .deployment("fraud")
                            .orElseThrow()
                            .versions()
                            .contains(2));
            fx.produce(ScorerFixture.events(400, 21));
            List<ConsumerRecord<byte[], Prediction>> canary = fx.predictions(fx.output, 400, Duration.ofSeconds(60));
            assertThat(canary).hasSize(400);
            Map<String, Set<String>> armsByKey = new HashMap<>();
            canary.forEach(r -> armsByKey
                    .computeIfAbsent(r.value().getKey(), k -> new java.util.HashSet<>())
                    .add(r.value().getArm()));
            assertThat(armsByKey.values()).allSatisfy(arms -> assertThat(arms).hasSize(1));
            Set<String> arms = canary.stream().map(r -> r.value().getArm()).collect(Collectors.toSet());
            assertThat(arms).containsExactlyInAnyOrder("stable", "canary");

            deploy(deployment(1, 2)
                    .setExperiment(new dev.inferstream.schemas.Experiment(
                            "bad",
                            List.of(
                                    new dev.inferstream.schemas.Arm("a", 1, 70),
                                    new dev.inferstream.schemas.Arm("b", 2, 70))))
                    .setRevision(2)
                    .build());
            deploy(deployment(2, 3).setPreviousStable(1).build());
            await("revision 3 applied")
                    .atMost(Duration.ofSeconds(60))
                    .until(() ->
                            scorer.models().deployment("fraud").orElseThrow().revision() == 3);
            Map<Integer, Long> beforeLast = fx.inputEnds();
            fx.produce(ScorerFixture.events(100, 22));
            List<ConsumerRecord<byte[], Prediction>> all = fx.predictions(fx.output, 500, Duration.ofSeconds(60));
            assertThat(all).hasSize(500);
            assertThat(all.stream()
                            .filter(r -> ScorerFixture.after(beforeLast, r.value()))
                            .toList())
                    .hasSize(100)
                    .allSatisfy(r -> {
                        assertThat(r.value().getVersion()).isEqualTo(2);
                        assertThat(r.value().getArm()).isEqualTo("stable");
                    });
        }
    }

    private static Deployment.Builder deployment(int stable, long revision) {
        return Deployment.newBuilder()
                .setModel("fraud")
                .setStable(stable)
                .setRevision(revision)
                .setChangedBy("test")
                .setChangedAt(Instant.now())
                .setReason("test");
    }

    private void deploy(Deployment deployment) {
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            producer.send(new ProducerRecord<>(
                    control,
                    deployment.getModel().getBytes(StandardCharsets.UTF_8),
                    new AvroSerializer<Deployment>(fx.registry, true, false).serialize(control, deployment)));
        }
    }
}
