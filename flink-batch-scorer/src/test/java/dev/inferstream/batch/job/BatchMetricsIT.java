/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.LocalModelRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The batch scorer's Flink metrics, read through a metrics reporter after scoring known rows. */
class BatchMetricsIT {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            BatchFixture.miniCluster(1, REPORTER.addToConfiguration(new Configuration()));

    @TempDir
    Path dir;

    @Test
    void reportsRowsByVersionArmAndStageAndBatchHistograms() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 3, false);
        List<String> lines = BatchFixture.csvRows(500);
        lines.add("bad,abc,1,2");
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        BatchScoringJob.build(env, BatchFixture.csvJob(dir, repo, 100));
        JobExecutionResult result = env.execute("metrics");

        Map<String, Metric> metrics = REPORTER.getMetricsByIdentifiers(result.getJobID());
        assertThat(count(metrics, ".inferstream.model.fraud.version.1.arm.stable.rowsScored"))
                .isEqualTo(500);
        assertThat(count(metrics, ".inferstream.model.fraud.rowsScored")).isEqualTo(500);
        assertThat(count(metrics, ".inferstream.model.fraud.stage.FEATURE_MAPPING.rowsDeadLettered"))
                .isEqualTo(1);
        Histogram batches = (Histogram) find(metrics, ".inferstream.model.fraud.batchSize");
        assertThat(batches.getCount()).isEqualTo(6);
        assertThat(batches.getStatistics().getMax()).isEqualTo(100);
        assertThat(((Histogram) find(metrics, ".inferstream.model.fraud.inferenceMicros")).getCount())
                .isEqualTo(6);
        assertThat(metrics.keySet()).anyMatch(k -> k.endsWith(".inferstream.model.fraud.rowsScoredPerSecond"));
    }

    private static long count(Map<String, Metric> metrics, String suffix) {
        return ((Counter) find(metrics, suffix)).getCount();
    }

    private static Metric find(Map<String, Metric> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric *" + suffix + " in " + metrics.keySet()));
    }
}
