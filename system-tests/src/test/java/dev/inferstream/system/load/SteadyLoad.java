/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.load;

import dev.inferstream.system.stack.Cluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces records to a topic (Avro {@link Events}, or any {@link Mix}) at a steady rate from its own thread until
 * stopped, with an idempotent {@code acks=all} producer. When the cluster cannot take records the producer blocks and
 * the rate drops; it then resumes at the set pace without a catch-up burst.
 */
public final class SteadyLoad implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SteadyLoad.class);

    private final Cluster cluster;
    private final String topic;
    private final int perSecond;
    private final Function<Cluster, Mix> mix;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long startedNanos;
    private volatile long stoppedNanos;

    /** Makes the {@code n}th record of a load to {@code topic}; called on the load's own thread. */
    @FunctionalInterface
    public interface Mix {
        ProducerRecord<byte[], byte[]> record(String topic, long n);
    }

    private SteadyLoad(Cluster cluster, String topic, int perSecond, Function<Cluster, Mix> mix) {
        this.cluster = cluster;
        this.topic = topic;
        this.perSecond = perSecond;
        this.mix = mix;
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
        return start(cluster, topic, perSecond, c -> Events.mix(c, seed, poisonEvery));
    }

    /** Starts producing {@code perSecond} records a second to {@code topic}, made by the mix {@code mix} makes. */
    public static SteadyLoad start(Cluster cluster, String topic, int perSecond, Function<Cluster, Mix> mix) {
        SteadyLoad load = new SteadyLoad(cluster, topic, perSecond, mix);
        load.thread.start();
        return load;
    }

    private void run() {
        startedNanos = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        Mix records = mix.apply(cluster);
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
                producer.send(records.record(topic, n), (metadata, error) -> {
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
