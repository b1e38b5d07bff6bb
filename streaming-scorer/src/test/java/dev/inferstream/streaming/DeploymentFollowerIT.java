/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.awaitility.Awaitility.await;

import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.control.DeploymentFollower;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The follower applies the deployments of a control topic whose metadata shows up only after it starts. */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class DeploymentFollowerIT {
    @TempDir
    Path dir;

    @Test
    void appliesTheDeploymentsOfAControlTopicCreatedAfterItStarted(TestStack stack) throws Exception {
        ScorerFixture fx = new ScorerFixture(stack, dir, 1);
        fx.publish("fraud", 1);
        fx.publish("fraud", 2);
        String control = "deployments-late-" + fx.input;
        ScorerConfig config = ScorerConfig.from(fx.config("fraud", ""));
        try (ModelService models = new ModelService(fx.repository, InferenceOptions.defaults());
                DeploymentFollower follower =
                        new DeploymentFollower(control, config.streams(), fx.registry, models, Set.of("fraud"))) {
            CompletableFuture<Void> started = CompletableFuture.runAsync(follower::start);
            // the follower is already looking for the topic's partitions when the topic appears
            Thread.sleep(1_000);
            stack.createTopic(control, 1, Map.of("cleanup.policy", "compact"));
            Deployment deployment = Deployment.newBuilder()
                    .setModel("fraud")
                    .setStable(2)
                    .setRevision(1)
                    .setChangedBy("test")
                    .setChangedAt(Instant.now())
                    .setReason("test")
                    .build();
            try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
                producer.send(new ProducerRecord<>(
                                control,
                                "fraud".getBytes(StandardCharsets.UTF_8),
                                new AvroSerializer<Deployment>(fx.registry, true, false)
                                        .serialize(control, deployment)))
                        .get(30, TimeUnit.SECONDS);
            }
            started.get(60, TimeUnit.SECONDS);

            await("revision 1 with version 2 applied")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> models.deployment("fraud")
                            .filter(d -> d.revision() == 1 && d.versions().equals(Set.of(2)))
                            .isPresent());
        }
    }
}
