/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** An admin client made of the scorer's Kafka settings (connection and security keys only). */
public final class KafkaAdmin {
    private KafkaAdmin() {}

    public static Admin create(Properties streams) {
        Map<String, Object> config = new HashMap<>();
        streams.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k.toString())) {
                config.put(k.toString(), v);
            }
        });
        return Admin.create(config);
    }
}
