/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where Kafka and the registry are taken from: options, then --client-config, then environment, then defaults. */
class ClientSettingsTest {
    private static final Map<String, String> ENV =
            Map.of("INFERSTREAM_BOOTSTRAP_SERVERS", "env:9092", "INFERSTREAM_SCHEMA_REGISTRY_URL", "http://env:8081");

    @Test
    void explicitOptionsWinOverTheClientConfigFile() {
        Properties resolved = ClientSettings.resolve("cli:9092", "http://cli:8081", file(), ENV);
        assertThat(resolved.getProperty("bootstrap.servers")).isEqualTo("cli:9092");
        assertThat(resolved.getProperty("schema.registry.url")).isEqualTo("http://cli:8081");
        assertThat(resolved.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void theClientConfigFileWinsOverTheEnvironmentAndDefaults() {
        Properties resolved = ClientSettings.resolve(null, null, file(), ENV);
        assertThat(resolved.getProperty("bootstrap.servers")).isEqualTo("file:9093");
        assertThat(resolved.getProperty("schema.registry.url")).isEqualTo("https://file:8081");
        assertThat(resolved.getProperty("request.timeout.ms")).isEqualTo("5000");
    }

    @Test
    void theEnvironmentFillsWhatTheFileLeavesOut() {
        Properties partial = new Properties();
        partial.setProperty("bootstrap.servers", "file:9093");
        Properties resolved = ClientSettings.resolve(null, null, partial, ENV);
        assertThat(resolved.getProperty("bootstrap.servers")).isEqualTo("file:9093");
        assertThat(resolved.getProperty("schema.registry.url")).isEqualTo("http://env:8081");
    }

    @Test
    void defaultsApplyWhenNothingNamesTheServers() {
        Properties resolved = ClientSettings.resolve(null, null, new Properties(), Map.of());
        assertThat(resolved.getProperty("bootstrap.servers")).isEqualTo("localhost:9092");
        assertThat(resolved.getProperty("schema.registry.url")).isEqualTo("http://localhost:8081");
        assertThat(resolved.getProperty("request.timeout.ms")).isEqualTo("15000");
    }

    private static Properties file() {
        Properties file = new Properties();
        file.setProperty("bootstrap.servers", "file:9093");
        file.setProperty("schema.registry.url", "https://file:8081");
        file.setProperty("security.protocol", "SASL_SSL");
        file.setProperty("request.timeout.ms", "5000");
        return file;
    }
}
