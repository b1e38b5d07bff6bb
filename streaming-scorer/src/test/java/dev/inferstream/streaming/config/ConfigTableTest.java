/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README's configuration tables are the ones {@link ScorerKeys} defines. After changing a key, rewrite them with
 * {@code ./mvnw -q -pl streaming-scorer test -Dtest=ConfigTableTest -Dconfig.table.write=true}.
 */
class ConfigTableTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeTablesMatchTheKeyDefinitions() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String expected = readme;
        for (Map.Entry<String, String> table : ConfigTable.all().entrySet()) {
            expected = replaced(expected, table.getKey(), table.getValue());
        }
        if (Boolean.getBoolean("config.table.write")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
        }
        assertThat(readme)
                .as("README's configuration tables differ from ScorerKeys: rewrite them with "
                        + "./mvnw -q -pl streaming-scorer test -Dtest=ConfigTableTest -Dconfig.table.write=true")
                .isEqualTo(expected);
    }

    @Test
    void everyScorerKeyIsDocumented() {
        ScorerKeys.SCORER
                .configKeys()
                .values()
                .forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        ScorerKeys.ROUTE
                .configKeys()
                .values()
                .forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        ScorerKeys.SERVED_MODEL
                .configKeys()
                .values()
                .forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    private static String replaced(String readme, String name, String table) {
        String begin = ConfigTable.begin(name);
        String end = ConfigTable.end(name);
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertThat(from)
                .as("README marks table '%s' with %s", name, begin.strip())
                .isNotNegative();
        assertThat(to).as("README ends table '%s' with %s", name, end).isGreaterThan(from);
        return readme.substring(0, from + begin.length()) + table + readme.substring(to);
    }
}
