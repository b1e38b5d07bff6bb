/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.batch.io.InputRow;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.testkit.http.HttpText;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The batch-scorer metrics the Grafana dashboard queries exist, under those names, in Flink's Prometheus reporter. */
class FlinkDashboardMetricsIT {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "inferstream.json");
    private static final Pattern METRIC = Pattern.compile("\\b(flink_[a-zA-Z0-9_]+)");
    private static final int PORT = freePort();

    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(1, prometheus());

    @TempDir
    Path dir;

    @Test
    void theDashboardQueriesFlinkMetricsTheBatchScorerReports() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel :
                new ObjectMapper().readTree(Files.readString(DASHBOARD)).get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).isNotEmpty();

        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 3, false);
        List<String> lines = BatchFixture.csvRows(3_000);
        lines.add(1, "bad,abc,1,2");
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        BatchScoringJob.build(
                env,
                BatchFixture.csvJob(dir, repo, 10),
                rows -> rows.map(row -> {
                            Thread.sleep(2);
                            return row;
                        })
                        .returns(InputRow.class));
        JobClient job = env.executeAsync("dashboard metrics");

        Set<String> missing = new TreeSet<>(queried);
        await("Flink reports every metric the dashboard queries")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(job.getJobStatus().get().isTerminalState())
                            .as("job ended before every metric was seen; missing: %s", missing)
                            .isFalse();
                    String scrape = HttpText.get("http://127.0.0.1:" + PORT + "/");
                    missing.removeIf(name -> scrape.contains("\n" + name + "{"));
                    assertThat(missing)
                            .as("dashboard metrics not reported by Flink")
                            .isEmpty();
                });
        job.getJobExecutionResult().get();
    }

    private static Configuration prometheus() {
        Configuration config = new Configuration();
        config.setString(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.setString("metrics.reporter.prom.port", Integer.toString(PORT));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
