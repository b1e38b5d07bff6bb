/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to run a local standalone Flink session cluster.
 *
 * @param dir the stack's folder: the cluster keeps its configuration, checkpoints and state file in {@code
 *     <dir>/flink}, its logs in {@code <dir>/logs}
 * @param classpath Flink's jars (runtime, clients, web UI, RPC loader, file connector) and log4j, as the batch
 *     scorer's build records them in {@code flink-batch-scorer/target/local-classpath.txt}
 * @param restPort the REST API and web UI port; 0 picks a free one
 * @param taskManagers TaskManager processes started with the cluster
 * @param slots task slots per TaskManager
 * @param taskManagerMemory each TaskManager's total process memory ({@code taskmanager.memory.process.size})
 * @param settings further {@code config.yaml} settings, which win over the defaults
 */
public record FlinkClusterConfig(
        Path dir,
        String classpath,
        int restPort,
        int taskManagers,
        int slots,
        String taskManagerMemory,
        Map<String, String> settings) {

    /** The web UI port a developer's cluster uses (8081 is the schema registry's). */
    public static final int DEVELOPER_REST_PORT = 8082;

    /** Each TaskManager's process memory by default: with two slots, about 200 MiB of task heap per slot. */
    public static final String DEFAULT_TASK_MANAGER_MEMORY = "1280m";

    public FlinkClusterConfig {
        dir = dir.toAbsolutePath().normalize();
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("the Flink classpath is empty: build the batch scorer first "
                    + "(./mvnw -pl flink-batch-scorer -am package -DskipTests)");
        }
        if (restPort < 0 || restPort > 65535) {
            throw new IllegalArgumentException("REST port " + restPort + " is out of range 0-65535");
        }
        if (taskManagers < 0 || slots < 1) {
            throw new IllegalArgumentException("need at least 0 TaskManagers and 1 slot each, not " + taskManagers
                    + " TaskManagers with " + slots + " slots");
        }
        if (taskManagerMemory == null || !taskManagerMemory.matches("\\d+ *([kKmMgG][bB]?)?")) {
            throw new IllegalArgumentException(
                    "TaskManager memory '" + taskManagerMemory + "' is not a size such as " + "1280m or 2g");
        }
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** One TaskManager with two slots, the web UI on {@code restPort}. */
    public static FlinkClusterConfig of(Path dir, String classpath, int restPort) {
        return new FlinkClusterConfig(dir, classpath, restPort, 1, 2, DEFAULT_TASK_MANAGER_MEMORY, Map.of());
    }

    /** A copy whose TaskManagers have {@code memory} of process memory each (e.g. {@code 2g}). */
    public FlinkClusterConfig withTaskManagerMemory(String memory) {
        return new FlinkClusterConfig(dir, classpath, restPort, taskManagers, slots, memory, settings);
    }

    public FlinkClusterConfig withTaskManagers(int count, int slotsEach) {
        return new FlinkClusterConfig(dir, classpath, restPort, count, slotsEach, taskManagerMemory, settings);
    }

    /** A copy with {@code more} settings added to {@code config.yaml}. */
    public FlinkClusterConfig with(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(settings);
        merged.putAll(more);
        return new FlinkClusterConfig(dir, classpath, restPort, taskManagers, slots, taskManagerMemory, merged);
    }

    Path home() {
        return dir.resolve("flink");
    }

    Path confDir() {
        return home().resolve("conf");
    }

    Path logs() {
        return dir.resolve("logs");
    }
}
