/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.load;

import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.system.stack.Cluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces Avro {@link Events} to a topic at a steady rate from its own thread until stopped, with an idempotent
 * {@code acks=all} producer. When the cluster cannot take records the producer blocks and the rate drops; it then
 * resumes at the set pace without a catch-up burst.
 */
public final class SteadyLoad implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SteadyLoad.class);

    private final Cluster cluster;
    private final String topic;
    private final int perSecond;
    private final long seed;
    private final int poisonEvery;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long startedNanos;
    private volatile long stoppedNanos;

    private SteadyLoad(Cluster cluster, String topic, int perSecond, long seed, int poisonEvery) {
        this.cluster = cluster;
        this.topic = topic;
        this.perSecond = perSecond;
        this.seed = seed;
        this.poisonEvery = poisonEvery;
        this.thread = new Thread(this::run, "steady-load-" + topic);
    }

    /** Starts producing {@code perSecond} events a second to {@code topic}. */
    public static SteadyLoad start(Cluster cluster, String topic, int perSecond, long seed) {
        return start(cluster, topic, perSecond, seed, 0);
    }

    /**
     * Starts producing {@code perSecond} events a second to {@code topic}, every {@code poisonEvery}th of them an
     * {@link Events#poison undecodable value} (0: none).
     */
    public static SteadyLoad start(Cluster cluster, String topic, int perSecond, long seed, int poisonEvery) {
        SteadyLoad load = new SteadyLoad(cluster, topic, perSecond, seed, poisonEvery);
        load.thread.start();
        return load;
    }

    private void run() {
        startedNanos = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(cluster.registry(), true, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                cluster.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            long next = System.nanoTime();
            for (long n = 0; running; n++) {
                long now = System.nanoTime();
                if (now - next > TimeUnit.SECONDS.toNanos(1)) {
                    next = now; // the producer was blocked: go on at the set pace, without a burst
                }
                LockSupport.parkNanos(next - now);
                next += interval;
                byte[] value = poisonEvery > 0 && n % poisonEvery == poisonEvery - 1
                        ? Events.poison(n)
                        : values.serialize(topic, Events.event(seed, n));
                producer.send(new ProducerRecord<>(topic, Events.key(n), value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        LOG.warn("send to {} failed: {}", topic, error.toString());
                    }
                });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (RuntimeException e) {
            LOG.error("the load on {} stopped", topic, e);
        } finally {
            stoppedNanos = System.nanoTime();
        }
    }

    /** Stops producing and waits until every record sent is acknowledged or failed. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join(Duration.ofMinutes(6).toMillis());
    }

    /** Waits until at least {@code count} records are acknowledged. */
    public void awaitAcknowledged(long count, Duration timeout) {
        Awaitility.await(count + " records acknowledged on " + topic)
                .atMost(timeout)
                .until(() -> acknowledged.get() >= count);
    }

    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The rate held: acknowledged records per second between start and stop. */
    public double rate() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return acknowledged.get() / ((end - startedNanos) / 1e9);
    }

    public int targetRate() {
        return perSecond;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
