/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import dev.inferstream.console.config.ScorerRoute;
import dev.inferstream.control.Clients;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind its input a model's scorers are, in time: for each partition of the route's input topic, the age
 * of the oldest record the scorers' consumer group has not consumed yet (its committed offset, or the start of the
 * partition before the first commit, up to the end offset); the largest over partitions. Zero when the group is
 * at the end of every partition.
 */
public final class ConsumerLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** How long to wait for the record at a group's position before calling the partition caught up. */
    private static final Duration FIRST_RECORD = Duration.ofSeconds(2);

    private final List<ScorerRoute> routes;
    private final Properties clientConfig;
    private final Clock clock;
    private final Map<String, Double> seconds = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-consumer-lag");
        t.setDaemon(true);
        return t;
    });
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;

    /** @param routes the routes to measure; those without a group are skipped */
    public ConsumerLag(Properties clientConfig, Collection<ScorerRoute> routes, Clock clock) {
        this.clientConfig = clientConfig;
        this.routes = routes.stream().filter(r -> r.group() != null).toList();
        this.clock = clock;
    }

    /** Measures every {@code interval} from now on (nothing when no route names a group). */
    public void start(Duration interval) {
        if (!routes.isEmpty()) {
            timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The lag of {@code model} in seconds; NaN when it has no route with a group or it could not be measured. */
    public double seconds(String model) {
        Double value = seconds.get(model);
        return value == null ? Double.NaN : value;
    }

    void refresh() {
        for (ScorerRoute route : routes) {
            try {
                seconds.put(route.model(), measure(route));
                if (failing.remove(route.model())) {
                    LOG.info("the lag of {} is measured again", route.model());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                seconds.remove(route.model());
                if (failing.add(route.model())) {
                    LOG.warn(
                            "cannot measure the lag of {} (group {} on {}): {}; check console.route.{}.group and .input",
                            route.model(),
                            route.group(),
                            route.input(),
                            e.toString(),
                            route.model());
                }
            }
        }
    }

    /** The lag of one route in seconds. */
    double measure(ScorerRoute route) throws InterruptedException, ExecutionException, TimeoutException {
        if (admin == null) {
            admin = Admin.create(Clients.admin(clientConfig));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        admin.describeTopics(List.of(route.input()))
                .allTopicNames()
                .get(ANSWER.toMillis(), TimeUnit.MILLISECONDS)
                .get(route.input())
                .partitions()
                .forEach(p -> {
                    TopicPartition tp = new TopicPartition(route.input(), p.partition());
                    latest.put(tp, OffsetSpec.latest());
                    earliest.put(tp, OffsetSpec.earliest());
                });
        var ends = admin.listOffsets(latest).all().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        var starts = admin.listOffsets(earliest).all().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(route.group())
                .partitionsToOffsetAndMetadata()
                .get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition tp : latest.keySet()) {
            OffsetAndMetadata at = committed.get(tp);
            long position =
                    Math.max(at == null ? 0 : at.offset(), starts.get(tp).offset());
            if (position < ends.get(tp).offset()) {
                behind.put(tp, position);
            }
        }
        if (behind.isEmpty()) {
            return 0;
        }
        long oldest = oldestTimestamp(behind);
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /** The smallest timestamp among the records at {@code positions}; MAX_VALUE when none arrives in time. */
    private long oldestTimestamp(Map<TopicPartition, Long> positions) {
        if (consumer == null) {
            Properties props = Clients.consumer(clientConfig);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        consumer.assign(positions.keySet());
        positions.forEach(consumer::seek);
        Map<TopicPartition, Long> first = new HashMap<>();
        long deadline = System.nanoTime() + FIRST_RECORD.toNanos();
        while (first.size() < positions.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.timestamp());
            }
        }
        consumer.unsubscribe();
        return first.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
