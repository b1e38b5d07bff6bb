/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The offline twin of a canary gate: two versions side by side over labelled rows. */
class BacktestIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    @TempDir
    Path dir;

    @Test
    void reportsBothVersionsQualityAndTheirAgreementAndGatesTheCandidate() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 3, false);
        repo.publish(
                new ModelRef("fraud", 2),
                BatchFixture.manifest("fraud", 2, 3).getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(3, 2).onnx());
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2,outcome"));
        List<Map<String, Object>> rows = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            double f0 = random.nextGaussian();
            double f1 = random.nextGaussian();
            double f2 = random.nextGaussian();
            String outcome = f0 + 0.5 * f1 > 0 ? "fraud" : "legit";
            lines.add("r" + i + "," + f0 + "," + f1 + "," + f2 + "," + outcome);
            rows.add(Map.of("f0", f0, "f1", f1, "f2", f2, "outcome", outcome));
        }
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);

        int[] correct = new int[2];
        int agreed = 0;
        try (var one = load(repo, 1);
                var two = load(repo, 2)) {
            for (Map<String, Object> row : rows) {
                ScoreResult a = one.score(row);
                ScoreResult b = two.score(row);
                correct[0] += a.label().equals(row.get("outcome")) ? 1 : 0;
                correct[1] += b.label().equals(row.get("outcome")) ? 1 : 0;
                agreed += a.label().equals(b.label()) ? 1 : 0;
            }
        }

        JobOptions options = BatchFixture.fileJob(
                dir.resolve("in.csv"),
                dir.resolve("out"),
                repo,
                "--output-format",
                "csv",
                "--parallelism",
                "2",
                "--candidate",
                "2",
                "--label-field",
                "outcome",
                "--max-accuracy-drop",
                "0.0",
                "--report",
                dir.resolve("report.json").toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options);
        JobExecutionResult result = env.execute("backtest");
        BacktestReport report = BacktestReport.of(options, result);
        report.write(dir.resolve("report.json"));

        assertThat(report.tally().compared()).isEqualTo(400);
        assertThat(report.tally().agreed()).isEqualTo(agreed);
        assertThat(report.tally().stableQuality().accuracy()).isCloseTo(correct[0] / 400.0, within(1e-12));
        assertThat(report.tally().candidateQuality().accuracy()).isCloseTo(correct[1] / 400.0, within(1e-12));
        assertThat(report.passed()).isEqualTo(correct[1] >= correct[0]);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("stable").get("version").asInt()).isEqualTo(1);
        assertThat(json.get("candidate").get("judged").asInt()).isEqualTo(400);
        assertThat(json.get("agreement").get("agreed").asInt()).isEqualTo(agreed);
        assertThat(report.summary()).contains("v1 vs v2 over 400 rows");

        BacktestReport strict = new BacktestReport("fraud", report.tally(), -1.0);
        assertThat(strict.passed())
                .as("a candidate cannot beat the stable version by a whole 100 %")
                .isFalse();
        assertThat(strict.summary()).contains("FAILED the accuracy gate");
    }

    /** A loaded version that scores one map row at a time. */
    private record Scorer(LoadedModel model) implements AutoCloseable {
        ScoreResult score(Map<String, Object> row) {
            return ((Outcome.Scored) model.score(new MapFieldSource(row))).result();
        }

        @Override
        public void close() {
            model.retire();
        }
    }

    private static Scorer load(LocalModelRepository repo, int version) throws Exception {
        return new Scorer(LoadedModel.load(repo.fetch(new ModelRef("fraud", version)), InferenceOptions.defaults()));
    }
}
