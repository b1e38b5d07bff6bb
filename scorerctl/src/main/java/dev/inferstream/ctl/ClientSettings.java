/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.schemas.registry.RegistryConfig;
import java.util.Map;
import java.util.Properties;

/**
 * The client properties of one invocation. Kafka servers and the registry URL come from the first place that
 * names them: the explicit option, the {@code --client-config} file, the environment, then the defaults.
 */
final class ClientSettings {
    static final String SERVERS = "bootstrap.servers";
    static final String SERVERS_ENV = "INFERSTREAM_BOOTSTRAP_SERVERS";
    static final String REGISTRY_ENV = "INFERSTREAM_SCHEMA_REGISTRY_URL";
    static final String DEFAULT_SERVERS = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081";

    private ClientSettings() {}

    /**
     * @param serversOption {@code --bootstrap-servers}, or null when not given
     * @param registryOption {@code --schema-registry}, or null when not given
     * @param file the {@code --client-config} properties (empty without the option)
     */
    static Properties resolve(String serversOption, String registryOption, Properties file, Map<String, String> env) {
        Properties props = new Properties();
        props.putAll(file);
        props.setProperty(
                SERVERS, first(serversOption, file.getProperty(SERVERS), env.get(SERVERS_ENV), DEFAULT_SERVERS));
        props.setProperty(
                RegistryConfig.URL,
                first(registryOption, file.getProperty(RegistryConfig.URL), env.get(REGISTRY_ENV), DEFAULT_REGISTRY));
        props.putIfAbsent("request.timeout.ms", "15000");
        props.putIfAbsent("default.api.timeout.ms", "30000");
        return props;
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        throw new IllegalStateException("no default");
    }
}
