/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.RevisionMovedException;
import dev.inferstream.schemas.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the automatic rollout decisions every interval ({@link RolloutDecider}). Every scorer runs one, but only
 * the leader decides: the instance that owns the single partition of the lease topic in a consumer group shared by
 * all instances of the control plane — Kafka elects it and hands the lease over when it stops. Decisions build on
 * the current deployment and are published as a compare-and-set on its revision, so a manual change always wins:
 * a new canary starts a new observation, a manual promotion or rollback leaves nothing to decide, and a decision
 * that raced a manual change is refused and made again next round.
 */
public final class RolloutController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final ControlPlane control;
    private final RolloutDecider decider;
    private final KafkaConsumer<byte[], byte[]> lease;
    private final Set<String> models;
    private final String scorerId;
    private final Duration interval;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    public RolloutController(
            ControlPlane control,
            Properties clientConfig,
            String leaseTopic,
            Set<String> models,
            String scorerId,
            Duration interval) {
        this.control = control;
        this.decider = new RolloutDecider(control, scorerId);
        this.models = Set.copyOf(models);
        this.scorerId = scorerId;
        this.interval = interval;
        control.ensureCompacted(leaseTopic);
        Properties props = new Properties();
        clientConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k.toString())) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "inferstream-controller-" + leaseTopic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.lease = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lease.subscribe(List.of(leaseTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                leader.set(false);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                leader.set(!partitions.isEmpty());
                if (!partitions.isEmpty()) {
                    LOG.info("scorer {} leads the rollout controller", scorerId);
                }
            }
        });
        this.thread = new Thread(this::run, "rollout-controller");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long next = 0;
        try {
            while (running) {
                lease.poll(Duration.ofMillis(200));
                if (leader.get() && System.nanoTime() >= next) {
                    next = System.nanoTime() + interval.toNanos();
                    decideAll();
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            lease.close(Duration.ofSeconds(5));
        }
    }

    /** One round: the control topic is read once, then each served model with a deployment is decided on. */
    private void decideAll() {
        Map<String, Deployment> current;
        try {
            current = control.currentAll();
        } catch (RuntimeException e) {
            LOG.warn("rollout controller: cannot read the deployments this round: {}", e.toString());
            return;
        }
        for (String model : models) {
            if (current.containsKey(model)) {
                decide(model, current.get(model));
            }
        }
    }

    private void decide(String model, Deployment current) {
        try {
            decider.decide(current, Instant.now());
        } catch (RevisionMovedException e) {
            LOG.info("rollout controller: {}; decided again next round", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("rollout controller: no decision for {} this round: {}", model, e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        lease.wakeup();
        thread.join(10_000);
    }
}
