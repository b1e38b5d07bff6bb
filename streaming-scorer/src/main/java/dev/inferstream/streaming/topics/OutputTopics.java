/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scorer knows about the topics it writes: the largest record each accepts (the producer's {@code
 * max.request.size}, or the topic's {@code max.message.bytes} when smaller), and whether each route's shadow topic
 * exists. Shadow topics are created at start-up when missing and re-checked every {@link #RECHECK}: a shadow topic
 * deleted while the scorer runs is noticed (its shadow predictions are dropped, the route keeps flowing), and one
 * created again is used again.
 */
public final class OutputTopics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputTopics.class);
    static final Duration RECHECK = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final int producerLimit;
    private final Map<String, Integer> topicLimits = new ConcurrentHashMap<>();
    private final Map<String, RouteConfig> shadowRoutes = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final Properties streams;
    private final ScheduledExecutorService watch;

    private OutputTopics(int producerLimit, Properties streams) {
        this.producerLimit = producerLimit;
        this.streams = streams;
        this.watch = streams == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "output-topics");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Fixed knowledge, for topology tests: one limit for every topic, and the shadow topics that are missing. */
    public static OutputTopics fixed(int maxRecordBytes, Set<String> missingShadows) {
        OutputTopics topics = new OutputTopics(maxRecordBytes, null);
        topics.missing.addAll(missingShadows);
        return topics;
    }

    /**
     * Creates the routes' missing shadow topics (with their output topic's partition count), reads the topics'
     * limits, and starts re-checking the shadow topics.
     */
    public static OutputTopics open(ScorerConfig config) {
        OutputTopics topics = new OutputTopics(producerLimit(config.streams()), config.streams());
        config.routes().forEach(r -> topics.shadowRoutes.put(r.shadow(), r));
        try (Admin admin = KafkaAdmin.create(config.streams())) {
            topics.missing.addAll(ShadowTopicSetup.createMissing(admin, config.routes()));
            topics.topicLimits.putAll(TopicLimitReader.read(admin, TopicLimitReader.written(config)));
        }
        long every = RECHECK.toMillis();
        topics.watch.scheduleWithFixedDelay(topics::recheckShadows, every, every, TimeUnit.MILLISECONDS);
        return topics;
    }

    /** The most bytes a record written alone to {@code topic} may take. */
    public int maxRecordBytes(String topic) {
        Integer topicLimit = topicLimits.get(topic);
        return topicLimit == null ? producerLimit : Math.min(producerLimit, topicLimit);
    }

    /** Whether shadow predictions can be written to {@code shadowTopic}. */
    public boolean exists(String shadowTopic) {
        return !missing.contains(shadowTopic);
    }

    /** The shadow topics known to be missing. */
    public Set<String> missingShadows() {
        return Set.copyOf(missing);
    }

    /** A write to {@code shadowTopic} failed: treat it as missing until the next re-check finds it. */
    public void markMissing(String shadowTopic) {
        if (shadowRoutes.containsKey(shadowTopic) && missing.add(shadowTopic)) {
            warnMissing(shadowTopic);
        }
    }

    /** The broker refused a record as too large for {@code topic}: re-read its limit in the background. */
    public void refreshLimit(String topic) {
        if (watch == null) {
            return;
        }
        watch.execute(() -> {
            try (Admin admin = KafkaAdmin.create(streams)) {
                topicLimits.putAll(TopicLimitReader.read(admin, Set.of(topic)));
                LOG.info("topic {} accepts records of up to {} bytes", topic, maxRecordBytes(topic));
            } catch (RuntimeException e) {
                LOG.warn("cannot re-read the size limit of topic {}: {}", topic, e.toString());
            }
        });
    }

    private void recheckShadows() {
        try (Admin admin = KafkaAdmin.create(streams)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String shadow : shadowRoutes.keySet()) {
                if (existing.contains(shadow)) {
                    if (missing.remove(shadow)) {
                        LOG.info("shadow topic {} exists again: shadow predictions are written to it", shadow);
                    }
                } else if (missing.add(shadow)) {
                    warnMissing(shadow);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("cannot re-check the shadow topics (retried in {} s): {}", RECHECK.toSeconds(), e.toString());
        }
    }

    private void warnMissing(String shadow) {
        RouteConfig route = shadowRoutes.get(shadow);
        LOG.warn(
                "shadow topic {} of route '{}' is missing: its shadow predictions are dropped and counted in "
                        + "inferstream_shadow_dropped_total, the route's predictions flow on. Create it with as many "
                        + "partitions as {}: kafka-topics.sh --bootstrap-server {} --create --topic {} --partitions <n>",
                shadow,
                route.name(),
                route.output(),
                streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                shadow);
    }

    private static int producerLimit(Properties streams) {
        String value = streams.getProperty(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                streams.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        return value == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.trim());
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }
}
