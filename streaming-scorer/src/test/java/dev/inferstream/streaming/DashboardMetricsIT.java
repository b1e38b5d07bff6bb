/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every scorer metric the provisioned Grafana dashboard queries exists in a real scrape of the scorer. */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class DashboardMetricsIT {
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "inferstream.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:inferstream|kafka)_[a-zA-Z0-9_]+)");

    @TempDir
    Path dir;

    @Test
    void theDashboardQueriesOnlyMetricsTheScorerExposes(TestStack stack) throws Exception {
        Set<String> queried = queriedMetrics();
        assertThat(queried)
                .contains(
                        "inferstream_records_scored_total",
                        "inferstream_shadow_comparisons_total",
                        "inferstream_drift_psi",
                        "inferstream_records_dead_lettered_total");

        ScorerFixture fx = new ScorerFixture(stack, dir, 2);
        fx.publish("fraud", 1);
        fx.publish("fraud", 2);
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.route.main.version=1\nscorer.drift.window.records=50\nscorer.control.topic=deployments-"
                        + fx.input)))) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            scorer.models()
                    .deploy(new DeploymentSpec("fraud", RolloutPolicy.stable(1), List.of(2), List.of(), 1))
                    .join();
            fx.produce(ScorerFixture.events(200, 5));
            try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
                producer.send(
                        new ProducerRecord<>(fx.input, ScorerFixture.key(0), "junk".getBytes(StandardCharsets.UTF_8)));
            }
            fx.predictions(fx.shadow, 200, Duration.ofSeconds(60));
            Map<String, Double> scraped = Awaitility.await("a dead letter counted")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> MonitoringIT.scrape(scorer),
                            m -> m.keySet().stream()
                                    .anyMatch(k -> k.startsWith("inferstream_records_dead_lettered_total")));
            Set<String> names = new TreeSet<>();
            scraped.keySet().forEach(k -> names.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
            assertThat(names).containsAll(queried);
        }
    }

    /** The scorer's metric names (inferstream_*, kafka_*) used in the dashboard's queries. */
    static Set<String> queriedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
