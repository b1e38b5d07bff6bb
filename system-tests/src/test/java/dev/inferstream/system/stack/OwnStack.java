/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.stack;

import dev.inferstream.stack.LocalStack;
import dev.inferstream.stack.StackConfig;
import dev.inferstream.stack.StackSecurity;
import dev.inferstream.stack.StackState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A stack of one test class's own, which it may take apart: brokers and the registry killed or stopped and started
 * again. Runs as long as the test JVM, on free ports.
 */
public final class OwnStack implements AutoCloseable {
    private final Path dir;
    private final Cluster cluster;

    private OwnStack(Path dir, Cluster cluster) {
        this.dir = dir;
        this.cluster = cluster;
    }

    /** Starts a plaintext stack of {@code brokers} brokers in {@code dir}. */
    public static OwnStack start(Path dir, int brokers) {
        return start(StackConfig.ephemeral(dir).withBrokers(brokers));
    }

    /** Starts a single-broker SASL_SSL stack with ACLs in {@code dir}; its cluster is the admin's. */
    public static OwnStack secured(Path dir) {
        return secured(dir, 1);
    }

    /** Starts a SASL_SSL stack of {@code brokers} brokers with ACLs in {@code dir}; its cluster is the admin's. */
    public static OwnStack secured(Path dir, int brokers) {
        return start(StackConfig.ephemeral(dir).withBrokers(brokers).withSecurity(StackSecurity.SASL_SSL));
    }

    private static OwnStack start(StackConfig config) {
        try {
            StackState state = LocalStack.start(config, ProcessHandle.current().pid());
            Properties client = new Properties();
            if (state.secured()) {
                try (InputStream in = Files.newInputStream(Path.of(state.clientConfig()))) {
                    client.load(in);
                }
            }
            client.setProperty("bootstrap.servers", state.bootstrapServers());
            client.setProperty("schema.registry.url", state.registryUrl());
            return new OwnStack(config.dir(), new Cluster(client, config.replicationFactor()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a stack in " + config.dir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Takes {@code node} ({@code kafka-<id>} or {@code registry}) down; {@code hard}: SIGKILL. */
    public void down(String node, boolean hard) {
        onNode(node, () -> LocalStack.down(dir, node, hard));
    }

    /** Starts {@code node} again and returns once it serves. */
    public void up(String node) {
        onNode(node, () -> LocalStack.up(dir, node));
    }

    private static void onNode(String node, NodeAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(node + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@link LocalStack} does to one node. */
    private interface NodeAction {
        void run() throws IOException, InterruptedException;
    }

    /** The node leading {@code topic}'s {@code partition}, e.g. {@code kafka-2}. */
    public String leaderOf(String topic, int partition) {
        try (Admin admin = cluster.admin()) {
            List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions();
            return "kafka-" + partitions.get(partition).leader().id();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The folder holding the stack's logs, for failure messages. */
    public Path logs() {
        return dir.resolve("logs");
    }

    @Override
    public void close() {
        LocalStack.stop(dir);
    }
}
