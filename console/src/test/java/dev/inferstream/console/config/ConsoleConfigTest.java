/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
    @Test
    void defaultsAndTheEnvironmentFillWhatTheFileLeavesOut() {
        ConsoleConfig c = ConsoleConfig.from(
                new Properties(),
                Map.of("INFERSTREAM_BOOTSTRAP_SERVERS", "k:1", "INFERSTREAM_MODEL_REPOSITORY", "/models"));
        assertThat(c.port()).isEqualTo(8088);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.bootstrapServers()).isEqualTo("k:1");
        assertThat(c.repository()).isEqualTo("/models");
        assertThat(c.topics().deployments()).isEqualTo("_scoring.deployments");
        assertThat(c.auditTopic()).isEqualTo("_console.audit");
        assertThat(c.usersFile()).isNull();
    }

    @Test
    void theFileWinsOverTheEnvironment() {
        Properties file = new Properties();
        file.setProperty("bootstrap.servers", "file:9");
        file.setProperty("console.dead-letter.topics", "a-dlq, b-dlq");
        file.setProperty("security.protocol", "SSL");
        ConsoleConfig c = ConsoleConfig.from(file, Map.of("INFERSTREAM_BOOTSTRAP_SERVERS", "env:1"));
        assertThat(c.bootstrapServers()).isEqualTo("file:9");
        assertThat(c.deadLetterTopics()).containsExactly("a-dlq", "b-dlq");
        assertThat(c.clientConfig().getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(c.clientConfig()).doesNotContainKey("console.dead-letter.topics");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Properties file = new Properties();
        file.setProperty("console.port", "http");
        file.setProperty("console.scorer.oip.url", "ftp://x");
        file.setProperty("console.auth.proxy.role-header", "X-Role");
        file.setProperty("console.refresh.ms", "5");
        assertThatThrownBy(() -> ConsoleConfig.from(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problem(s)")
                .hasMessageContaining("console.port=http: not a whole number")
                .hasMessageContaining("console.scorer.oip.url=ftp://x: write an http:// or https:// URL")
                .hasMessageContaining("console.auth.proxy.role-header needs console.auth.proxy.user-header")
                .hasMessageContaining("console.refresh.ms=5: must be between 200 and 600000");
    }

    @Test
    void theDistributionsExampleConfigurationIsValid() throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("../distribution/src/dist/config/console.properties"))) {
            file.load(in);
        }
        ConsoleConfig c = ConsoleConfig.from(file, Map.of());
        assertThat(c.scorerAdminUrls()).containsExactly(URI.create("http://127.0.0.1:8080"));
        assertThat(c.deadLetterTopics()).containsExactly("transactions.dlq");
        assertThat(c.port()).isEqualTo(8088);
        assertThat(c.route("fraud"))
                .contains(new ScorerRoute("fraud", "transactions", "fraud-predictions", "fraud-scorer"));
    }

    @Test
    void routesAreReadPerModelAndARouteWithoutItsInputTopicIsAProblem() {
        Properties file = new Properties();
        file.setProperty("console.route.fraud.input", "transactions");
        file.setProperty("console.route.fraud.group", "fraud-scorer");
        file.setProperty("console.route.loans.v2.input", "applications");
        assertThat(ConsoleConfig.from(file, Map.of()).routes())
                .containsOnly(
                        Map.entry("fraud", new ScorerRoute("fraud", "transactions", null, "fraud-scorer")),
                        Map.entry("loans.v2", new ScorerRoute("loans.v2", "applications", null, null)));

        file.setProperty("console.route.churn.predictions", "churn-predictions");
        file.setProperty("console.route.fraud.topic", "x");
        assertThatThrownBy(() -> ConsoleConfig.from(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 problem(s)")
                .hasMessageContaining("console.route.churn.input is missing")
                .hasMessageContaining(
                        "console.route.fraud.topic: write console.route.<model>.input, .predictions or .group");
    }
}
