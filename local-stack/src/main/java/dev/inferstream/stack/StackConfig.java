/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.nio.file.Path;

/**
 * Folder, ports, size and security of one local stack. A port of 0 means "pick a free one".
 *
 * <pre>{@code
 * StackConfig three = StackConfig.ephemeral(dir).withBrokers(3);            // RF 3, min.insync.replicas 2
 * StackConfig secured = StackConfig.ephemeral(dir).withSecurity(StackSecurity.SASL_SSL);
 * }</pre>
 *
 * @param dir where the stack keeps its state file, logs, broker data and registry database
 * @param kafkaPort the first broker's client port; broker {@code i} (from 0) listens on {@code kafkaPort + 2i}
 * @param controllerPort the first broker's controller port; broker {@code i} uses {@code controllerPort + 2i}
 * @param keepData keep topics and schemas across restarts (true) or start from an empty stack each time (false)
 * @param brokers how many KRaft nodes, each a broker and a controller (combined mode): 1 to {@link #MAX_BROKERS}
 * @param security plaintext, or SASL_SSL with ACLs and a registry over HTTPS
 */
public record StackConfig(
        Path dir,
        int kafkaPort,
        int controllerPort,
        int registryPort,
        boolean keepData,
        int brokers,
        StackSecurity security) {

    public static final int MAX_BROKERS = 5;

    public StackConfig {
        dir = dir.toAbsolutePath().normalize();
        for (int port : new int[] {kafkaPort, controllerPort, registryPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
            }
        }
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException(
                    "a local stack has 1 to " + MAX_BROKERS + " brokers, not " + brokers + " (3 tolerates one down)");
        }
        if (security == null) {
            throw new IllegalArgumentException("security is required: StackSecurity.NONE or SASL_SSL");
        }
    }

    /** A plaintext single-broker stack. */
    public StackConfig(Path dir, int kafkaPort, int controllerPort, int registryPort, boolean keepData) {
        this(dir, kafkaPort, controllerPort, registryPort, keepData, 1, StackSecurity.NONE);
    }

    /** The fixed ports a developer's local stack uses: Kafka 9092 (controller 9093), registry 8081. */
    public static StackConfig developer(Path dir) {
        return new StackConfig(dir, 9092, 9093, 8081, false);
    }

    /** Free ports and an empty broker, for tests. */
    public static StackConfig ephemeral(Path dir) {
        return new StackConfig(dir, 0, 0, 0, false);
    }

    public StackConfig withBrokers(int count) {
        return new StackConfig(dir, kafkaPort, controllerPort, registryPort, keepData, count, security);
    }

    public StackConfig withSecurity(StackSecurity mode) {
        return new StackConfig(dir, kafkaPort, controllerPort, registryPort, keepData, brokers, mode);
    }

    /** Replication factor of new topics: 3 when there are three brokers or more, else the broker count. */
    public int replicationFactor() {
        return Math.min(brokers, 3);
    }

    /** {@code min.insync.replicas}: 2 with three replicas (one broker may die without loss), else 1. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    /** The client port of broker {@code index} (from 0), or 0 when ports are picked freely. */
    int kafkaPort(int index) {
        return kafkaPort == 0 ? 0 : kafkaPort + 2 * index;
    }

    /** The controller port of broker {@code index} (from 0), or 0 when ports are picked freely. */
    int controllerPort(int index) {
        return controllerPort == 0 ? 0 : controllerPort + 2 * index;
    }
}
