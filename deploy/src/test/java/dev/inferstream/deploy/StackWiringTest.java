/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's pieces refer to each other by host names, ports, paths and topic names; no Docker engine is
 * needed to check that they agree.
 */
class StackWiringTest {
    private static final Path ROOT =
            Path.of(System.getProperty("inferstream.root", "..")).toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode compose;
    private static Properties scorer;

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        scorer = new Properties();
        scorer.load(new StringReader(Files.readString(ROOT.resolve("deploy/scorer/scorer.properties"))));
    }

    @Test
    void everyProductionServiceIsThere() {
        List<String> services = new ArrayList<>();
        compose.fieldNames().forEachRemaining(services::add);
        assertThat(services)
                .contains(
                        "kafka",
                        "schema-registry",
                        "topics",
                        "scorer",
                        "flink-jobmanager",
                        "flink-taskmanager",
                        "prometheus",
                        "grafana",
                        "console");
    }

    @Test
    void everyMountedFileComesWithTheRepositoryOrTheBuild() {
        for (JsonNode service : compose) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (!source.startsWith("./") || source.equals("./models")) {
                    continue;
                }
                Path path = ROOT.resolve(source.substring(2));
                if (source.contains("/target/")) {
                    path = ROOT.resolve(source.substring(2, source.indexOf("/target/")))
                            .resolve("pom.xml");
                }
                assertThat(path).as("mounted " + source).exists();
            }
        }
        assertThat(compose.get("scorer").get("build").get("dockerfile").asText())
                .isEqualTo("deploy/scorer/Dockerfile");
        assertThat(ROOT.resolve("deploy/scorer/Dockerfile")).exists();
    }

    @Test
    void prometheusScrapesThePortsTheScorerAndFlinkExpose() throws IOException {
        JsonNode jobs = YAML.readTree(
                        ROOT.resolve("deploy/prometheus/prometheus.yml").toFile())
                .get("scrape_configs");
        for (JsonNode job : jobs) {
            for (JsonNode target : job.get("static_configs").get(0).get("targets")) {
                String host = target.asText().split(":")[0];
                String port = target.asText().split(":")[1];
                assertThat(compose.has(host)).as("service " + host).isTrue();
                if (host.equals("scorer")) {
                    assertThat(scorer.getProperty("scorer.admin.port")).isEqualTo(port);
                    assertThat(job.get("metrics_path").asText()).isEqualTo("/metrics");
                    assertThat(Files.readString(ROOT.resolve("deploy/scorer/Dockerfile")))
                            .contains("EXPOSE " + port);
                } else {
                    assertThat(compose.get(host)
                                    .get("environment")
                                    .get("FLINK_PROPERTIES")
                                    .asText())
                            .contains("PrometheusReporterFactory")
                            .contains("metrics.reporter.prom.port: " + port);
                }
            }
        }
        assertThat(compose.get("prometheus").get("volumes").toString())
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
    }

    @Test
    void grafanaProvisionsTheDashboardOnThePrometheusDatasource() throws IOException {
        JsonNode datasource = YAML.readTree(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .get("datasources")
                .get(0);
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = YAML.readTree(ROOT.resolve("deploy/grafana/provisioning/dashboards/inferstream.yml")
                        .toFile())
                .get("providers")
                .get(0);
        String dashboards = provider.get("options").get("path").asText();
        assertThat(compose.get("grafana").get("volumes").toString())
                .contains("./deploy/grafana/dashboards:" + dashboards)
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning");

        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("deploy/grafana/dashboards/inferstream.json")
                        .toFile());
        assertThat(dashboard.get("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.get("datasource").get("uid").asText())
                    .isEqualTo(datasource.get("uid").asText());
            assertThat(panel.get("targets")).isNotEmpty();
        });
        List<String> titles = dashboard.get("panels").findValuesAsText("title");
        assertThat(String.join("|", titles).toLowerCase())
                .contains("dead letters", "latency", "per arm", "shadow agreement", "drift");
    }

    @Test
    void theConsoleFollowsTheScorersTopicsGroupAndDeadLettersAndReachesItsPorts() throws IOException {
        Properties console = new Properties();
        console.load(new StringReader(Files.readString(ROOT.resolve("deploy/console/console.properties"))));
        assertThat(console.getProperty("bootstrap.servers")).isEqualTo(scorer.getProperty("bootstrap.servers"));
        assertThat(console.getProperty("schema.registry.url")).isEqualTo(scorer.getProperty("schema.registry.url"));
        assertThat(console.getProperty("console.dead-letter.topics"))
                .isEqualTo(scorer.getProperty("scorer.route.fraud.dead-letter"));
        assertThat(console.getProperty("console.scorer.oip.url"))
                .isEqualTo("http://scorer:" + scorer.getProperty("scorer.serving.rest.port"));
        assertThat(console.getProperty("console.scorer.admin.urls"))
                .isEqualTo("http://scorer:" + scorer.getProperty("scorer.admin.port"));
        assertThat(console.getProperty("console.model.repository")).isEqualTo("/models");
        assertThat(console.getProperty("console.route.fraud.input"))
                .isEqualTo(scorer.getProperty("scorer.route.fraud.input"));
        assertThat(console.getProperty("console.route.fraud.predictions"))
                .isEqualTo(scorer.getProperty("scorer.route.fraud.output"));
        assertThat(console.getProperty("console.route.fraud.group")).isEqualTo(scorer.getProperty("application.id"));
        JsonNode service = compose.get("console");
        assertThat(service.get("volumes").toString())
                .contains("./models:/models")
                .contains("./deploy/console/console.properties:/etc/inferstream/console.properties");
        assertThat(service.get("ports").get(0).asText()).isEqualTo("8088:" + console.getProperty("console.port"));
        assertThat(Files.readString(ROOT.resolve("deploy/console/Dockerfile")))
                .contains("EXPOSE " + console.getProperty("console.port"));
    }

    @Test
    void theTopicsServiceCreatesEveryTopicTheScorerNeeds() {
        String script = compose.get("topics").get("command").get(0).asText();
        for (String key : List.of(
                "scorer.route.fraud.input",
                "scorer.route.fraud.output",
                "scorer.route.fraud.dead-letter",
                "scorer.route.fraud.shadow",
                "scorer.audit.topic")) {
            assertThat(script).as(key).contains(scorer.getProperty(key));
        }
        assertThat(scorer.getProperty("bootstrap.servers")).isEqualTo("kafka:19092");
        assertThat(scorer.getProperty("schema.registry.url")).isEqualTo("http://schema-registry:8081");
        assertThat(scorer.getProperty("scorer.model.repository")).isEqualTo("/models");
        assertThat(compose.get("scorer").get("volumes").toString()).contains("./models:/models");
    }
}
