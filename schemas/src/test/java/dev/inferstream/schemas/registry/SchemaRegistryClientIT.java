/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry client against the real registry: versions, lookups, compatibility, races and failover. */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class SchemaRegistryClientIT {
    private static final Schema V1 = SchemaBuilder.record("Account")
            .namespace("test.registry")
            .fields()
            .requiredString("id")
            .endRecord();
    private static final Schema V2 = SchemaBuilder.record("Account")
            .namespace("test.registry")
            .fields()
            .requiredString("id")
            .name("tier")
            .type()
            .stringType()
            .stringDefault("basic")
            .endRecord();
    private static final Schema BREAKING = SchemaBuilder.record("Account")
            .namespace("test.registry")
            .fields()
            .requiredString("id")
            .requiredLong("createdAt")
            .endRecord();

    private SchemaRegistryClient client;
    private String subject;

    @BeforeEach
    void setUp(TestStack stack) {
        client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        subject = "accounts-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registersVersionsAndLooksThemUp() {
        int id1 = client.register(subject, V1);
        int id2 = client.register(subject, V2);

        assertThat(client.register(subject, V1)).isEqualTo(id1);
        assertThat(client.idOf(subject, V2)).isEqualTo(id2);
        assertThat(client.schemaById(id1)).isEqualTo(V1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, id2, V2));
        assertThat(client.version(subject, 1).schema()).isEqualTo(V1);
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void checksCompatibilityUnderBackwardLevel() {
        client.register(subject, V1);
        client.setCompatibility(subject, "BACKWARD");

        assertThat(client.isCompatible(subject, V2)).isTrue();
        assertThat(client.isCompatible(subject, BREAKING)).isFalse();
        assertThatThrownBy(() -> client.register(subject, BREAKING))
                .isInstanceOf(RegistryException.Incompatible.class)
                .hasMessageContaining("not compatible with the versions of subject " + subject)
                // the registry's own reason names the field that breaks compatibility
                .hasMessageContaining("createdAt");
    }

    @Test
    void concurrentRegistrationsOfTheSameSchemaOnFreshSubjectsAllGetItsId(TestStack stack) throws Exception {
        int threads = 16;
        int subjects = 10;
        List<String> fresh = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            fresh.add("race-" + UUID.randomUUID() + "-value");
        }
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // a client per writer, as one per process: no shared cache hides the race
                SchemaRegistryClient own = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                writers.add(pool.submit(() -> {
                    List<Integer> ids = new ArrayList<>();
                    for (String s : fresh) {
                        together.await(30, TimeUnit.SECONDS);
                        ids.add(own.register(s, V1));
                    }
                    return ids;
                }));
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<List<Integer>> writer : writers) {
                ids.addAll(writer.get(120, TimeUnit.SECONDS));
            }
            assertThat(ids).as("ids of one schema registered 160 times at once").hasSize(1);
            int id = ids.iterator().next();
            assertThat(client.schemaById(id)).isEqualTo(V1);
            for (String s : fresh) {
                assertThat(client.idOf(s, V1)).as(s).isEqualTo(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownSubjectAndIdAreNotFound() {
        assertThatThrownBy(() -> client.latest("no-such-subject-" + UUID.randomUUID()))
                .isInstanceOf(RegistryException.NotFound.class);
        assertThatThrownBy(() -> client.schemaById(Integer.MAX_VALUE - 7))
                .isInstanceOf(RegistryException.NotFound.class);
    }

    @Test
    void unreachableRegistryFailsWithItsUrlAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        SchemaRegistryClient unreachable = new SchemaRegistryClient(RegistryConfig.fromProperties(Map.of(
                "schema.registry.url", url,
                "schema.registry.max.retries", "2",
                "schema.registry.retry.backoff.ms", "10")));

        assertThatThrownBy(() -> unreachable.schemaById(1))
                .isInstanceOf(RegistryException.Unavailable.class)
                .hasMessageContaining(url)
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void failsOverToTheNextUrl(TestStack stack) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient failover = new SchemaRegistryClient(RegistryConfig.fromProperties(Map.of(
                "schema.registry.url",
                "http://127.0.0.1:" + closedPort + "," + stack.registryUrl(),
                "schema.registry.retry.backoff.ms",
                "10")));

        int id = failover.register(subject, V1);

        assertThat(client.schemaById(id)).isEqualTo(V1);
    }
}
