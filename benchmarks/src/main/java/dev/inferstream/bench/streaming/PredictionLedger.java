/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a prediction topic ({@code read_committed}) while a run goes on, in a thread of its own: the end-to-end
 * latency of every prediction (consume time − its input's produce timestamp) grouped by the second its input was
 * produced, and the ledger proving exactly-once — every input id ({@code e<i>}, the record key) predicted once, no
 * prediction id twice.
 */
final class PredictionLedger implements AutoCloseable {
    private final String bootstrap;
    private final String topic;
    private final long origin;
    private final Map<Long, List<Long>> latencyBySecond = new ConcurrentHashMap<>();
    private final BitSet inputs = new BitSet();
    private final Set<String> predictionIds = new HashSet<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile long predictions;
    private volatile long duplicates;
    private volatile Map<TopicPartition, Long> drainTo;
    private volatile boolean drained;

    /** @param origin wall-clock millis of the run's second 0 */
    PredictionLedger(String bootstrap, String topic, long origin) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.origin = origin;
        this.thread = new Thread(this::read, "prediction-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-ledger-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    record(r, System.currentTimeMillis());
                }
                Map<TopicPartition, Long> end = drainTo;
                if (end != null && !drained && consumer.assignment().containsAll(end.keySet())) {
                    drained = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } catch (RuntimeException e) {
            problems.add("the ledger's consumer failed: " + e);
        }
    }

    private void record(ConsumerRecord<byte[], byte[]> r, long now) {
        List<Long> second =
                latencyBySecond.computeIfAbsent(Math.floorDiv(r.timestamp() - origin, 1000), s -> new ArrayList<>());
        synchronized (second) {
            second.add(now - r.timestamp());
        }
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        Header id = r.headers().lastHeader("ml.prediction.id");
        synchronized (this) {
            predictions++;
            if (!key.startsWith("e")) {
                problems.add("a prediction with an unexpected key: " + key);
            } else {
                int input = Integer.parseInt(key.substring(1));
                if (inputs.get(input)) {
                    duplicates++;
                }
                inputs.set(input);
            }
            if (id == null) {
                problems.add("a prediction without ml.prediction.id (key " + key + ")");
            } else if (!predictionIds.add(new String(id.value(), StandardCharsets.UTF_8))) {
                problems.add("prediction id " + new String(id.value(), StandardCharsets.UTF_8) + " twice");
            }
        }
    }

    long predictions() {
        return predictions;
    }

    /** Reads on until {@code end} (the topic's last committed offsets), or until {@code timeout}; whether it got there. */
    boolean drain(Map<TopicPartition, Long> end, Duration timeout) throws InterruptedException {
        drainTo = end;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!drained && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return drained;
    }

    /** The latencies of predictions whose inputs were produced in seconds {@code [from, to)} of the run. */
    List<Long> latencies(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long s = from; s < to; s++) {
            List<Long> second = latencyBySecond.get(s);
            if (second != null) {
                synchronized (second) {
                    all.addAll(second);
                }
            }
        }
        return all;
    }

    /**
     * What the ledger proves for inputs {@code e0 … e<produced − 1>}: "exactly once" or what went wrong (missing
     * inputs, duplicates, repeated prediction ids).
     */
    synchronized String verdict(int produced) {
        int missing = produced - inputs.get(0, produced).cardinality();
        List<String> faults = new ArrayList<>(problems.stream().limit(5).toList());
        if (missing > 0) {
            faults.add(missing + " inputs without a prediction (first: e" + inputs.nextClearBit(0) + ")");
        }
        if (duplicates > 0) {
            faults.add(duplicates + " inputs predicted more than once");
        }
        if (predictions != produced) {
            faults.add(predictions + " predictions for " + produced + " inputs");
        }
        return faults.isEmpty()
                ? "exactly once: " + produced + " inputs, " + predictions + " predictions, " + predictionIds.size()
                        + " distinct prediction ids"
                : "NOT exactly once: " + String.join("; ", faults);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
    }
}
