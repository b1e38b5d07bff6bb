/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.awaitility.Awaitility;

/** Creates test topics on one broker or several, and returns once the brokers serve them. */
public final class Topics {
    private Topics() {}

    /**
     * Creates {@code topic} and waits until every partition has a leader: the controller commits a topic before the
     * brokers learn of it, one after another.
     *
     * @throws IllegalStateException when the topic cannot be created (the broker's reason in the message)
     */
    public static void create(Admin admin, NewTopic topic) {
        String name = topic.name();
        try {
            admin.createTopics(List.of(topic)).all().get();
            Awaitility.await("topic " + name + " served by the brokers")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    // until a broker has learnt of the topic it answers "unknown topic"
                    .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                    .until(() ->
                            admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
                                    .allMatch(p -> p.leader() != null));
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
