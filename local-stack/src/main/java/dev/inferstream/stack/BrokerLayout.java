/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The KRaft nodes of one stack and what each node's {@code server.properties} says: listeners, the controller
 * quorum, replication defaults and, when secured, TLS, SCRAM and the authorizer.
 *
 * @param keys the stack's certificates and admin credentials, or null for a plaintext stack
 */
record BrokerLayout(List<Node> nodes, String clusterId, int replicationFactor, int minInsyncReplicas, StackKeys keys) {

    /** One node: its id and ports. */
    record Node(int id, int port, int controllerPort) {}

    /** The name of the clients' listener. */
    String listener() {
        return keys == null ? "PLAINTEXT" : "SASL_SSL";
    }

    String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    String serverProperties(int id, Path data) {
        Node node = nodes.stream().filter(n -> n.id() == id).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + id,
                "controller.quorum.voters=" + voters(),
                "listeners=" + listener() + "://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:"
                        + node.controllerPort(),
                "advertised.listeners=" + listener() + "://127.0.0.1:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener(),
                "log.dirs=" + data,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "default.replication.factor=" + replicationFactor,
                "min.insync.replicas=" + minInsyncReplicas,
                "offsets.topic.replication.factor=" + replicationFactor,
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=" + replicationFactor,
                "transaction.state.log.min.isr=" + minInsyncReplicas,
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=" + replicationFactor,
                "share.coordinator.state.topic.min.isr=" + minInsyncReplicas,
                "group.initial.rebalance.delay.ms=0",
                "group.consumer.heartbeat.interval.ms=1000",
                "group.consumer.min.heartbeat.interval.ms=500",
                "group.streams.heartbeat.interval.ms=1000",
                "group.streams.min.heartbeat.interval.ms=500"));
        if (keys == null) {
            lines.add("listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        } else {
            lines.addAll(keys.brokerProperties());
        }
        lines.add("");
        return String.join("\n", lines);
    }

    /** What {@code kafka-storage format} needs besides the config: the admin's SCRAM credential when secured. */
    List<String> formatArguments() {
        return keys == null ? List.of() : List.of("--add-scram", keys.adminScram());
    }

    private String voters() {
        return nodes.stream()
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
    }

    /** A random id as Kafka writes them; like Kafka's own, never starting with '-' (it would read as an option). */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] uuid = new byte[16];
        String id;
        do {
            random.nextBytes(uuid);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
        } while (id.startsWith("-"));
        return id;
    }
}
