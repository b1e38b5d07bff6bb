/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The clients' ceiling below Kafka Streams: one consumer and one producer in a loop copying each record's bytes,
 * committing every {@code copy.commit.interval.ms} as Kafka Streams does: at-least-once flushes the producer and
 * commits the offsets; exactly-once ({@code processing.guarantee=exactly_once_v2}) commits the offsets in the
 * producer's transaction. Runs until SIGTERM.
 *
 * <p>{@code ConsumerProducerCopy --config copy.properties} with {@code bootstrap.servers}, {@code application.id}
 * (the group and transactional id), {@code copy.input}, {@code copy.output}, optionally {@code linger.ms}.
 */
public final class ConsumerProducerCopy {
    private ConsumerProducerCopy() {}

    public static void main(String[] args) throws Exception {
        Properties config = ByteCopyTopology.load(args);
        boolean exactlyOnce =
                config.getProperty("processing.guarantee", "at_least_once").startsWith("exactly_once");
        String input = config.getProperty("copy.input");
        String output = config.getProperty("copy.output");
        long commitMs = Long.parseLong(config.getProperty("copy.commit.interval.ms", exactlyOnce ? "100" : "30000"));
        String id = config.getProperty("application.id");

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getProperty("bootstrap.servers"));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, exactlyOnce ? "read_committed" : "read_uncommitted");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getProperty("bootstrap.servers"));
        p.put(ProducerConfig.LINGER_MS_CONFIG, config.getProperty("linger.ms", "5"));
        if (exactlyOnce) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                running.set(false);
                                consumer.wakeup();
                                try {
                                    main.join(30_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "copy-shutdown"));
            consumer.subscribe(List.of(input));
            if (exactlyOnce) {
                producer.initTransactions();
            }
            copy(consumer, producer, output, commitMs, exactlyOnce, running);
        }
    }

    private static void copy(
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer,
            String output,
            long commitMs,
            boolean exactlyOnce,
            AtomicBoolean running) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            while (running.get()) {
                if (exactlyOnce) {
                    producer.beginTransaction();
                }
                long commitAt = System.nanoTime() + commitMs * 1_000_000;
                while (System.nanoTime() < commitAt) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.min(commitMs, 100)))) {
                        producer.send(
                                new ProducerRecord<>(output, null, r.timestamp(), r.key(), r.value(), r.headers()));
                        offsets.put(
                                new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                }
                if (exactlyOnce) {
                    if (!offsets.isEmpty()) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    }
                    producer.commitTransaction();
                } else if (!offsets.isEmpty()) {
                    producer.flush();
                    consumer.commitSync(offsets);
                }
                offsets.clear();
            }
        } catch (WakeupException stopping) {
            if (exactlyOnce) {
                producer.abortTransaction();
            }
        }
    }
}
