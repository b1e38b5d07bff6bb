/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;

/** The serde's own keys, read from Kafka client configs next to the {@link RegistryConfig} keys. */
final class SerdeConfig {
    /** Register unknown writer schemas (default true); false only looks them up. */
    static final String AUTO_REGISTER = "auto.register.schemas";

    private SerdeConfig() {}

    static SchemaRegistryClient client(Map<String, ?> configs) {
        return new SchemaRegistryClient(RegistryConfig.fromProperties(configs));
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER);
        return value == null || Boolean.parseBoolean(value.toString().trim());
    }

    /** TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
