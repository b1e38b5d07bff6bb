/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rollout writes are a compare-and-set on the model's revision, fenced through Kafka transactions. */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class ControlPlaneIT {
    private TestStack stack;
    private SchemaRegistryClient registry;
    private ControlTopics topics;
    private ControlPlane plane;

    @BeforeEach
    void setUp(TestStack stack) {
        this.stack = stack;
        registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        topics = ControlTopics.forDeployments("deployments-" + UUID.randomUUID());
        plane = new ControlPlane(stack.producerProperties(), registry, topics);
        plane.publish(deployment(1, 1, "setup"));
    }

    @Test
    void aChangeBasedOnAStaleRevisionIsRefusedNamingWhoMovedIt() {
        Deployment read = plane.current("fraud").orElseThrow();
        plane.publish(next(read, 2, "alice"));

        assertThatThrownBy(() -> plane.publish(next(read, 3, "bob")))
                .isInstanceOf(RevisionMovedException.class)
                .hasMessage("fraud: revision moved from 1 to 2 by alice: re-read and retry");
        assertThat(plane.history("fraud")).extracting(Deployment::getChangedBy).containsExactly("setup", "alice");
        assertThatThrownBy(() -> plane.publish(deployment(5, 1, "carol")))
                .isInstanceOf(RevisionMovedException.class)
                .hasMessageContaining("revision moved from 4 to 2 by alice");
    }

    @Test
    void writersRacingFromTheSameRevisionPublishItsSuccessorOnce() throws Exception {
        Deployment read = plane.current("fraud").orElseThrow();
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String who = "writer-" + w;
                ControlPlane own = new ControlPlane(stack.producerProperties(), registry, topics);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        own.publish(next(read, 2, who));
                        return "published by " + who;
                    } catch (RevisionMovedException e) {
                        return e.getMessage();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(90, TimeUnit.SECONDS));
            }
            List<String> published =
                    results.stream().filter(r -> r.startsWith("published")).toList();
            assertThat(published).as(results.toString()).hasSize(1);
            assertThat(results)
                    .filteredOn(r -> !r.startsWith("published"))
                    .allSatisfy(r -> assertThat(r)
                            .matches("fraud: (revision moved from 1 to 2 by writer-\\d: re-read and retry"
                                    + "|revision 1 is being changed by another writer .*)"));
            List<Deployment> history = plane.history("fraud");
            assertThat(history).extracting(Deployment::getRevision).containsExactly(1L, 2L);
            assertThat(published.get(0))
                    .isEqualTo("published by " + history.get(1).getChangedBy());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriterThatStoppedMidChangeIsAbortedAndFencedByTheNextWriter() {
        KafkaProducer<byte[], byte[]> zombie = transactional(FencedPublisher.transactionalId(topics, "fraud"));
        zombie.initTransactions();
        zombie.beginTransaction();
        send(zombie, deployment(2, 3, "zombie"));
        zombie.flush();

        plane.publish(deployment(2, 2, "alice"));

        assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
        zombie.close();
        assertThat(plane.history("fraud")).extracting(Deployment::getChangedBy).containsExactly("setup", "alice");
        assertThat(plane.current("fraud").orElseThrow().getChangedBy()).isEqualTo("alice");
    }

    @Test
    void aTransactionLeftOpenByAnotherWriterIsWaitedForSoNoCommittedRevisionIsMissed() {
        Properties lingering = new Properties();
        lingering.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "1000");
        try (KafkaProducer<byte[], byte[]> other = transactional("test-other-model-" + UUID.randomUUID(), lingering)) {
            other.initTransactions();
            other.beginTransaction();
            Deployment churn = Deployment.newBuilder(deployment(1, 1, "crashed"))
                    .setModel("churn")
                    .build();
            send(other, churn);
            other.flush();
            // left open: the broker aborts it after its timeout; a read_committed read up to the last stable offset
            // would stop before it and miss alice's revision written behind it

            plane.publish(deployment(2, 2, "alice"));
            assertThatThrownBy(() -> plane.publish(deployment(2, 2, "bob")))
                    .isInstanceOf(RevisionMovedException.class)
                    .hasMessageContaining("revision moved from 1 to 2 by alice");
        }
        assertThat(plane.current("churn")).isEmpty();
        assertThat(plane.history("fraud")).extracting(Deployment::getChangedBy).containsExactly("setup", "alice");
    }

    private KafkaProducer<byte[], byte[]> transactional(String id) {
        return transactional(id, new Properties());
    }

    private KafkaProducer<byte[], byte[]> transactional(String id, Properties extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        props.putAll(extra);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Deployment d) {
        byte[] value = new AvroSerializer<Deployment>(registry, true, false).serialize(topics.deployments(), d);
        producer.send(new ProducerRecord<>(topics.deployments(), d.getModel().getBytes(StandardCharsets.UTF_8), value));
    }

    private static Deployment next(Deployment read, int stable, String by) {
        return Deployment.newBuilder(read)
                .setStable(stable)
                .setRevision(read.getRevision() + 1)
                .setChangedBy(by)
                .setChangedAt(Instant.now())
                .setReason("test")
                .build();
    }

    private static Deployment deployment(long revision, int stable, String by) {
        return Deployment.newBuilder()
                .setModel("fraud")
                .setStable(stable)
                .setRevision(revision)
                .setChangedBy(by)
                .setChangedAt(Instant.now())
                .setReason("test")
                .build();
    }
}
