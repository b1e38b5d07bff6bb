/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.nio.file.Path;

/**
 * Folder and ports of one local stack. A port of 0 means "pick a free one".
 *
 * @param dir where the stack keeps its state file, logs and broker data
 * @param keepData keep topics across restarts (true) or start from an empty broker each time (false). The
 *     registry keeps schemas in memory only, so kept Avro records refer to schema ids that a restarted registry
 *     no longer knows (or gives to other schemas): keep data only for what does not need the registry
 */
public record StackConfig(Path dir, int kafkaPort, int controllerPort, int registryPort, boolean keepData) {

    public StackConfig {
        dir = dir.toAbsolutePath().normalize();
        for (int port : new int[] {kafkaPort, controllerPort, registryPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
            }
        }
    }

    /** The fixed ports a developer's local stack uses: Kafka 9092 (controller 9093), registry 8081. */
    public static StackConfig developer(Path dir) {
        return new StackConfig(dir, 9092, 9093, 8081, false);
    }

    /** Free ports and an empty broker, for tests. */
    public static StackConfig ephemeral(Path dir) {
        return new StackConfig(dir, 0, 0, 0, false);
    }
}
