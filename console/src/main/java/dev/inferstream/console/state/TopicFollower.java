/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import dev.inferstream.control.Clients;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the control topics in the background with one consumer and feeds {@link ConsoleState}: the small
 * compacted topics (deployments, status, quality) and the history from their beginning, the unbounded ones (alerts,
 * dead letters, console actions) from a bounded tail. Topics that do not exist yet are picked up when they appear.
 */
public final class TopicFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration RECHECK = Duration.ofSeconds(3);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsoleState state;
    private final Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers = new HashMap<>();
    private final Map<String, Integer> tails = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public TopicFollower(
            Properties clientConfig,
            SchemaRegistryClient registry,
            ControlTopics topics,
            String alertsTopic,
            List<String> deadLetterTopics,
            String auditTopic,
            ConsoleState state) {
        this.state = state;
        Properties props = Clients.consumer(clientConfig);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        AvroReader<Deployment> deployments = AvroReader.specific(registry, Deployment.class);
        AvroReader<ScorerStatus> statuses = AvroReader.specific(registry, ScorerStatus.class);
        AvroReader<QualityStats> quality = AvroReader.specific(registry, QualityStats.class);
        AvroReader<Alert> alerts = AvroReader.specific(registry, Alert.class);
        AvroReader<DeadLetter> letters = AvroReader.specific(registry, DeadLetter.class);
        handlers.put(topics.deployments(), r -> state.deployment(deployments.read(r.value())));
        handlers.put(topics.history(), r -> state.historyEntry(deployments.read(r.value())));
        handlers.put(topics.status(), r -> state.status(statuses.read(r.value())));
        handlers.put(
                topics.quality(),
                r -> state.quality(new String(r.key(), StandardCharsets.UTF_8), quality.read(r.value())));
        handlers.put(alertsTopic, r -> state.alert(alerts.read(r.value())));
        tails.put(alertsTopic, ConsoleState.ALERTS);
        for (String topic : deadLetterTopics) {
            handlers.put(
                    topic,
                    r -> state.deadLetter(new ConsoleState.StoredDeadLetter(
                            r.topic(), r.partition(), r.offset(), letters.read(r.value()))));
            tails.put(topic, ConsoleState.DEAD_LETTERS);
        }
        handlers.put(auditTopic, r -> state.action(ConsoleAction.fromJson(r.value())));
        tails.put(auditTopic, ConsoleState.ACTIONS);
        this.thread = new Thread(this::run, "console-topic-follower");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether every followed topic that exists has been read up to where it ended when it was first assigned. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        long nextCheck = 0;
        Map<TopicPartition, Long> targets = new HashMap<>();
        try {
            while (running) {
                if (System.nanoTime() >= nextCheck) {
                    targets.putAll(assignNew());
                    nextCheck = System.nanoTime() + RECHECK.toNanos();
                }
                if (assigned.isEmpty()) {
                    caughtUp = true;
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        handlers.get(record.topic()).accept(record);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "skipped {}-{}@{}: cannot read it ({})",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.toString());
                    }
                }
                targets.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                caughtUp = targets.isEmpty();
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the console stopped following the control topics: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    /** Assigns the partitions of followed topics that appeared since the last look; returns where each ends. */
    private Map<TopicPartition, Long> assignNew() {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            for (PartitionInfo p : existing.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                if (!assigned.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return Map.of();
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(fresh);
        for (TopicPartition tp : fresh) {
            Integer tail = tails.get(tp.topic());
            long start = tail == null ? begins.get(tp) : Math.max(begins.get(tp), ends.get(tp) - tail);
            consumer.seek(tp, start);
        }
        return ends;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
