/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.stack;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.testkit.stack.TestStack;
import dev.inferstream.testkit.stack.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The brokers and registry a scenario runs against, with the client settings they need (the security settings of a
 * secured stack included) and the replication factor its topics get.
 *
 * @param client every client's settings: bootstrap servers, registry URL and any security keys
 */
public record Cluster(Properties client, int replicationFactor) {

    /** The stack every test of the build shares (one broker, plaintext). */
    public static Cluster shared(TestStack stack) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", stack.bootstrapServers());
        p.setProperty(RegistryConfig.URL, stack.registryUrl());
        return new Cluster(p, 1);
    }

    public String bootstrapServers() {
        return client.getProperty("bootstrap.servers");
    }

    public String registryUrl() {
        return client.getProperty(RegistryConfig.URL);
    }

    public SchemaRegistryClient registry() {
        return new SchemaRegistryClient(RegistryConfig.fromProperties(toMap(client)));
    }

    /** Creates a topic named {@code prefix-<random>} with this cluster's replication factor. */
    public String newTopic(String prefix, int partitions) {
        return newTopic(prefix, partitions, Map.of());
    }

    public String newTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(name, partitions, configs);
        return name;
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            Topics.create(admin, new NewTopic(name, partitions, (short) replicationFactor).configs(configs));
        }
    }

    public Admin admin() {
        return Admin.create(client);
    }

    /** Producer settings: acks=all, idempotent, patient enough to outlast a broker or leader change. */
    public Properties producerProperties() {
        Properties p = copy();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
        return p;
    }

    /** Consumer settings reading committed records only, from the earliest offset, without a group. */
    public Properties consumerProperties() {
        Properties p = copy();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** A copy of the client settings, to add to. */
    public Properties copy() {
        Properties p = new Properties();
        p.putAll(client);
        return p;
    }

    private static Map<String, Object> toMap(Properties p) {
        Map<String, Object> map = new HashMap<>();
        p.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }
}
