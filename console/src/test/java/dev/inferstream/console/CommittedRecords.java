/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.testkit.stack.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A topic's committed records from its beginning ({@code read_committed}, no consumer group), for a test to search. */
public final class CommittedRecords implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public CommittedRecords(TestStack stack, String topic) {
        Properties props = stack.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first committed record of {@code topic} that {@code wanted} accepts; fails after 60 s without one. */
    public static ConsumerRecord<byte[], byte[]> first(
            TestStack stack, String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        try (CommittedRecords records = new CommittedRecords(stack, topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : records.poll()) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic + " within 60 s");
    }

    /** The next records, waiting up to 200 ms for them. */
    public ConsumerRecords<byte[], byte[]> poll() {
        return consumer.poll(Duration.ofMillis(200));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
