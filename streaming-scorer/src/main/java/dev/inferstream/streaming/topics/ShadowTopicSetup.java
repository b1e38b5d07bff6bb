/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import dev.inferstream.streaming.config.RouteConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the routes' shadow topics that do not exist yet, each with its route's output partition count. */
final class ShadowTopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowTopicSetup.class);

    private ShadowTopicSetup() {}

    /** Returns the shadow topics still missing afterwards (creation refused), after logging what to do. */
    static Set<String> createMissing(Admin admin, List<RouteConfig> routes) {
        Set<String> stillMissing = new HashSet<>();
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, RouteConfig> wanted = new LinkedHashMap<>();
            routes.stream().filter(r -> !existing.contains(r.shadow())).forEach(r -> wanted.putIfAbsent(r.shadow(), r));
            if (wanted.isEmpty()) {
                return stillMissing;
            }
            Map<String, Integer> partitions = partitions(admin, wanted.values());
            List<NewTopic> create = new ArrayList<>();
            wanted.forEach((shadow, route) ->
                    create.add(new NewTopic(shadow, Optional.of(partitions.get(route.output())), Optional.empty())));
            admin.createTopics(create).values().forEach((shadow, result) -> {
                try {
                    result.get(30, TimeUnit.SECONDS);
                    LOG.info(
                            "created shadow topic {} ({} partitions, like {})",
                            shadow,
                            partitions.get(wanted.get(shadow).output()),
                            wanted.get(shadow).output());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        stillMissing.add(shadow);
                        LOG.warn(
                                "cannot create shadow topic {}: {}",
                                shadow,
                                e.getCause().toString());
                    }
                } catch (TimeoutException e) {
                    stillMissing.add(shadow);
                    LOG.warn("creating shadow topic {} timed out", shadow);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stillMissing.add(shadow);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            routes.forEach(r -> stillMissing.add(r.shadow()));
            LOG.warn("cannot check the shadow topics: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            routes.forEach(r -> stillMissing.add(r.shadow()));
        }
        return stillMissing;
    }

    private static Map<String, Integer> partitions(Admin admin, Iterable<RouteConfig> routes)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> outputs = new ArrayList<>();
        routes.forEach(r -> outputs.add(r.output()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        admin.describeTopics(outputs)
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .forEach((topic, description) ->
                        counts.put(topic, description.partitions().size()));
        return counts;
    }
}
