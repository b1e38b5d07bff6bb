/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.config.ServingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value schema of every topic the scorer writes, registered once at start-up, before the first record, so the
 * scoring path finds every schema id in the client's cache and never registers (several instances starting at the
 * same moment race here, where the registry client's idempotent registration settles it).
 */
final class OutputSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(OutputSchemas.class);

    private OutputSchemas() {}

    /** Topic → the value schema the scorer writes to it. */
    static Map<String, Schema> of(ScorerConfig config) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (RouteConfig route : config.routes()) {
            schemas.put(route.output(), Prediction.getClassSchema());
            schemas.put(route.shadow(), Prediction.getClassSchema());
            schemas.put(route.deadLetter(), DeadLetter.getClassSchema());
            if (route.feedback() != null) {
                schemas.put(config.feedback().qualityTopic(), QualityStats.getClassSchema());
            }
        }
        if (config.serving().enabled()) {
            for (ServingConfig.ServedModel served : config.serving().models()) {
                Stream.of(served.shadowTopic(), served.requestLogTopic())
                        .filter(Objects::nonNull)
                        .forEach(topic -> schemas.put(topic, Prediction.getClassSchema()));
            }
        }
        config.monitoring().auditTopic().ifPresent(audit -> schemas.put(audit, Audit.getClassSchema()));
        if (!config.statusInterval().isZero()) {
            schemas.put(config.statusTopic(), ScorerStatus.getClassSchema());
        }
        if (config.monitoring().driftEnabled()) {
            schemas.put(config.monitoring().alertsTopic(), Alert.getClassSchema());
        }
        return schemas;
    }

    /** Registers every output schema through {@code registry}; fails listing each topic whose schema is refused. */
    static void register(ScorerConfig config, SchemaRegistryClient registry) {
        AvroSerializer<Object> values = new AvroSerializer<>(registry, true, false);
        List<String> problems = new ArrayList<>();
        of(config).forEach((topic, schema) -> {
            try {
                int id = values.register(topic, schema);
                LOG.debug("{} writes {} with schema id {}", topic, schema.getFullName(), id);
            } catch (AvroSerdeException e) {
                problems.add("topic " + topic + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException("cannot register the scorer's output schemas before processing:\n  "
                    + String.join("\n  ", problems));
        }
    }
}
