/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic, from its beginning to the end it has when the read starts. */
final class TopicReader {
    private TopicReader() {}

    /**
     * Reads the records committed so far (up to the last stable offset: an open transaction ends the read early).
     *
     * @return false when the topic does not exist
     */
    static boolean readAll(Properties consumerConfig, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(consumerConfig)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
            return true;
        }
    }

    /**
     * Reads every record written before the read starts, once it is settled: up to the high watermark, waiting for
     * transactions still open below it to commit or abort (read_committed never reads past an open transaction, so
     * reading only to the last stable offset could miss a commit that follows one). Fails after {@code timeout}.
     *
     * @return false when the topic does not exist
     */
    static boolean readSettled(
            Properties consumerConfig, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties uncommitted = new Properties();
        uncommitted.putAll(consumerConfig);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(consumerConfig);
                KafkaConsumer<byte[], byte[]> watermarks = consumer(uncommitted)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return false;
            }
            watermarks.assign(partitions);
            Map<TopicPartition, Long> ends = watermarks.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new ControlPlaneException(
                            "a transaction on " + topic + " has stayed open for more than " + timeout.toSeconds()
                                    + " s (a writer that stopped in the middle of a change?): retry once the "
                                    + "broker has aborted it (after the writer's transaction.timeout.ms)",
                            null);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
            return true;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }
}
