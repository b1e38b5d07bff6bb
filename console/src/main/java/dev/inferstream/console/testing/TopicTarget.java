/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.console.config.ScorerRoute;
import dev.inferstream.control.Clients;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load through a model's input topic, end to end: each record registry-encoded Avro (as the scorers expect) with
 * its own key, sent to the input topic; its latency runs until its prediction is readable on the prediction topic
 * (read_committed, so only predictions the scorers committed count).
 */
final class TopicTarget implements LoadTarget {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTarget.class);

    private record Pending(long sentNanos, Outcome outcome) {}

    private final ScorerRoute route;
    private final InputRecords records;
    private final AvroSerializer<GenericRecord> serializer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroReader<Prediction> predictions;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread follower;
    private volatile boolean running = true;

    private TopicTarget(
            ScorerRoute route,
            InputRecords records,
            SchemaRegistryClient registry,
            KafkaProducer<byte[], byte[]> producer,
            KafkaConsumer<byte[], byte[]> consumer) {
        this.route = route;
        this.records = records;
        this.serializer = new AvroSerializer<>(registry, true, false);
        this.producer = producer;
        this.consumer = consumer;
        this.predictions = AvroReader.specific(registry, Prediction.class);
        this.follower = new Thread(this::follow, "console-load-predictions");
        this.follower.setDaemon(true);
    }

    /**
     * Reads the prediction topic from its end, then takes records.
     *
     * @throws IllegalArgumentException when the route names no prediction topic or a topic is missing
     */
    static TopicTarget open(
            Properties clientConfig, SchemaRegistryClient registry, ScorerRoute route, ModelManifest manifest) {
        if (route.predictions() == null) {
            throw new IllegalArgumentException("console.route." + route.model()
                    + ".predictions is not set: name the topic the scorers write " + route.model()
                    + "'s predictions to, so the load test can see them scored");
        }
        InputRecords records = InputRecords.forTopic(registry, route.input(), manifest);
        Properties producerConfig = Clients.producer(clientConfig);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Clients.consumer(clientConfig), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            if (producer.partitionsFor(route.input()).isEmpty()) {
                throw new IllegalArgumentException("input topic " + route.input() + " has no partitions");
            }
            var partitions = consumer.partitionsFor(route.predictions(), Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("prediction topic " + route.predictions()
                        + " does not exist: check console.route." + route.model() + ".predictions");
            }
            var assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            // resolve the end offsets now, so no prediction of a record sent from here on is missed
            assigned.forEach(tp -> consumer.position(tp, Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            producer.close();
            consumer.close();
            throw e;
        }
        TopicTarget target = new TopicTarget(route, records, registry, producer, consumer);
        target.follower.start();
        return target;
    }

    @Override
    public String describe() {
        return "input topic " + route.input() + ", scored on " + route.predictions();
    }

    @Override
    public boolean endToEnd() {
        return true;
    }

    @Override
    public void send(String key, Map<String, String> record, Outcome outcome) {
        byte[] value;
        try {
            value = serializer.serialize(route.input(), records.record(record, key));
        } catch (RuntimeException e) {
            outcome.failed("cannot encode the record for " + route.input() + ": " + e.getMessage());
            return;
        }
        pending.put(key, new Pending(System.nanoTime(), outcome));
        try {
            producer.send(
                    new ProducerRecord<>(route.input(), key.getBytes(StandardCharsets.UTF_8), value), (meta, e) -> {
                        if (e != null) {
                            fail(key, "cannot send to " + route.input() + ": " + e.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            fail(key, "cannot send to " + route.input() + ": " + e.getMessage());
        }
    }

    private void fail(String key, String error) {
        synchronized (pending) {
            Pending p = pending.remove(key);
            if (p != null) {
                p.outcome().failed(error);
            }
        }
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (pending.isEmpty() || r.value() == null) {
                        continue;
                    }
                    String key;
                    try {
                        key = predictions.read(r.value()).getKey();
                    } catch (RuntimeException e) {
                        LOG.debug("skipping an unreadable record on {}: {}", route.predictions(), e.toString());
                        continue;
                    }
                    if (key == null) {
                        continue;
                    }
                    // removed and counted in one step, so a drain that finds nothing pending finds it counted
                    synchronized (pending) {
                        Pending p = pending.remove(key);
                        if (p != null) {
                            p.outcome().scored((now - p.sentNanos()) / 1e6);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("stopped reading {}: {}", route.predictions(), e.toString());
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    @Override
    public void drain(Duration grace) throws InterruptedException {
        producer.flush();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!settled() && System.nanoTime() < deadline && stopped.getCount() > 0) {
            stopped.await(50, TimeUnit.MILLISECONDS);
        }
        for (String key : pending.keySet()) {
            fail(key, "no prediction on " + route.predictions() + " within " + grace.toSeconds() + " s");
        }
    }

    private boolean settled() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
