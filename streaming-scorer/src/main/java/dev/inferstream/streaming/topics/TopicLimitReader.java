/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the {@code max.message.bytes} of topics; a topic it cannot read is left to the producer's limit. */
final class TopicLimitReader {
    private static final Logger LOG = LoggerFactory.getLogger(TopicLimitReader.class);

    private TopicLimitReader() {}

    /** Every topic the scoring routes write records to. */
    static Set<String> written(ScorerConfig config) {
        Set<String> topics = new LinkedHashSet<>();
        for (RouteConfig route : config.routes()) {
            topics.add(route.output());
            topics.add(route.shadow());
            topics.add(route.deadLetter());
        }
        config.monitoring().auditTopic().ifPresent(topics::add);
        return topics;
    }

    static Map<String, Integer> read(Admin admin, Collection<String> topics) {
        Map<String, Integer> limits = new HashMap<>();
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        admin.describeConfigs(resources).values().forEach((resource, future) -> {
            try {
                ConfigEntry entry = future.get(30, TimeUnit.SECONDS).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    limits.put(resource.name(), Integer.parseInt(entry.value()));
                }
            } catch (ExecutionException | TimeoutException | NumberFormatException e) {
                LOG.debug("max.message.bytes of {} not read: {}", resource.name(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return limits;
    }
}
