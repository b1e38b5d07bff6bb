/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.topics.OutputTopics;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the scorer's exception handlers need from the running scorer, handed to them (Kafka Streams creates them
 * by class name) through the Streams configuration.
 *
 * @param deadLetterNodes processors that handle one input record at a time, each with the route and dead-letter
 *     topic its failed records go to
 * @param shadowRoutes each shadow topic with the route writing it
 */
public record ErrorRouting(
        Map<String, DeadLetterRoute> deadLetterNodes,
        Map<String, String> shadowRoutes,
        OutputTopics outputs,
        ScorerMetrics metrics,
        Serializer<SpecificRecord> values,
        String scorerId) {

    /** The configuration key carrying this object. */
    public static final String CONFIG = "inferstream.error.routing";

    /** Where a node's failed records go. */
    public record DeadLetterRoute(String route, String topic) {}

    /** Installs the scorer's processing and production exception handlers, unless others are configured. */
    public void install(Properties streams) {
        streams.put(CONFIG, this);
        streams.putIfAbsent(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringProcessingHandler.class.getName());
        streams.putIfAbsent(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ScorerProductionHandler.class.getName());
    }

    static ErrorRouting from(Map<String, ?> configs) {
        Object routing = configs.get(CONFIG);
        if (!(routing instanceof ErrorRouting r)) {
            throw new IllegalStateException("the scorer's exception handlers need " + CONFIG
                    + " in the Streams configuration: install them with ErrorRouting.install");
        }
        return r;
    }
}
