/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --explain top-k} in the output files, and the backtest report's global importance of both versions. */
class ExplainedBatchIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    @TempDir
    Path dir;

    private LocalModelRepository repo;

    @BeforeEach
    void publish() throws Exception {
        repo = new LocalModelRepository(dir.resolve("models"));
        String background = "f0,f1,f2\n0,0,0\n1,-1,0.5\n-0.5,0.2,1\n";
        for (int version = 1; version <= 2; version++) {
            float[] w = version == 1 ? new float[] {2f, 0.1f, -0.2f} : new float[] {0.1f, -0.3f, 2f};
            repo.publish(
                    new ModelRef("fraud", version),
                    (BatchFixture.manifest("fraud", version, 3) + "explain:\n  background: background.csv\n")
                            .getBytes(StandardCharsets.UTF_8),
                    TestModels.logisticRegression(w, 0.1f).onnx(),
                    Map.of("background.csv", background.getBytes(StandardCharsets.UTF_8)));
        }
        repo.publish(
                new ModelRef("plain", 1),
                BatchFixture.manifest("plain", 1, 3).getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(3, 1).onnx());
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2,outcome"));
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            double f0 = random.nextGaussian();
            double f1 = random.nextGaussian();
            double f2 = random.nextGaussian();
            lines.add("r" + i + "," + f0 + "," + f1 + "," + f2 + "," + (f0 > 0 ? "fraud" : "legit"));
        }
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);
    }

    @Test
    void csvOutputCarriesEachRowsTopAttributionsBaseValueAndExplainedValue() throws Exception {
        run(options("--output", dir.resolve("out").toString(), "--output-format", "csv", "--explain", "top-2"));

        List<CSVRecord> rows = csv(BatchFixture.readLines(dir.resolve("out")));
        assertThat(rows).hasSize(300);
        for (CSVRecord row : rows) {
            assertThat(row.get("explain_method")).isEqualTo("LINEAR");
            assertThat(row.get("explain_space")).isEqualTo("LOG_ODDS");
            String[] attributions = row.get("attributions").split(";");
            assertThat(attributions).hasSize(2);
            double sum = Double.parseDouble(row.get("base_value")) + Double.parseDouble(row.get("other_fields"));
            for (String a : attributions) {
                sum += Double.parseDouble(a.substring(a.indexOf('=') + 1));
            }
            double value = Double.parseDouble(row.get("explained_value"));
            assertThat(sum).isCloseTo(value, within(1e-9));
            assertThat(1 / (1 + Math.exp(-value))).isCloseTo(Double.parseDouble(row.get("score")), within(1e-5));
        }
    }

    @Test
    void avroOutputCarriesTheExplanationInThePrediction() throws Exception {
        run(options("--output", dir.resolve("out").toString(), "--explain", "all"));

        List<Prediction> predictions = BatchFixture.readAvro(dir.resolve("out"), Prediction.class);
        assertThat(predictions).hasSize(300);
        Explanation e = predictions.get(0).getExplanation();
        assertThat(e.getAttributions()).extracting(Attribution::getField).containsExactlyInAnyOrder("f0", "f1", "f2");
        assertThat(e.getOtherFields()).isZero();
    }

    @Test
    void theBacktestReportRanksEachVersionsFieldsByMeanAbsoluteAttribution() throws Exception {
        JobOptions options = options(
                "--output",
                dir.resolve("out").toString(),
                "--candidate",
                "2",
                "--label-field",
                "outcome",
                "--report",
                dir.resolve("report.json").toString());

        BacktestReport report = BacktestReport.of(options, run(options));
        report.write(dir.resolve("report.json"));

        JsonNode importance =
                new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("importance");
        // without --explain, each task explains a sample: the first 256 rows (one task reads the one file)
        assertThat(importance.get("stable").get("rows").asInt()).isEqualTo(256);
        assertThat(importance.get("candidate").get("rows").asInt()).isEqualTo(256);
        assertThat(importance.get("stable").get("space").asText()).isEqualTo("LOG_ODDS");
        assertThat(importance
                        .get("stable")
                        .get("meanAbsAttribution")
                        .fieldNames()
                        .next())
                .isEqualTo("f0");
        assertThat(importance
                        .get("candidate")
                        .get("meanAbsAttribution")
                        .fieldNames()
                        .next())
                .isEqualTo("f2");
        assertThat(report.summary()).contains("top fields v1: f0, ").contains("v2: f2, ");
    }

    @Test
    void withExplainTheBacktestImportanceCoversEveryRow() throws Exception {
        JobOptions options =
                options("--output", dir.resolve("out").toString(), "--candidate", "2", "--explain", "top-1");

        BacktestReport report = BacktestReport.of(options, run(options));

        assertThat(report.tally().stableImportance().rows()).isEqualTo(300);
        assertThat(report.tally().candidateImportance().rows()).isEqualTo(300);
    }

    @Test
    void explainingAModelWithoutAnExplainSectionIsRefusedBeforeTheJobStarts() {
        JobOptions options = JobOptions.parse(
                "--model-repository",
                repo.root().toString(),
                "--model",
                "plain",
                "--input",
                dir.resolve("in.csv").toString(),
                "--output",
                dir.resolve("out").toString(),
                "--explain",
                "top-3");

        assertThatThrownBy(() -> Preflight.check(options))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("--explain needs plain/1 to declare how it is explained");
        assertThatThrownBy(() -> options("--output", "x", "--explain", "top-zero"))
                .hasMessageContaining("--explain must be off, all or top-<k>");
    }

    private JobOptions options(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--input",
                dir.resolve("in.csv").toString(),
                "--model-repository",
                repo.root().toString(),
                "--parallelism",
                "2"));
        all.addAll(List.of(args));
        return BatchFixture.job(all.toArray(String[]::new));
    }

    private static JobExecutionResult run(JobOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options);
        return env.execute("explain");
    }

    private static List<CSVRecord> csv(List<String> lines) throws Exception {
        String header = lines.get(0);
        StringBuilder text = new StringBuilder(header).append('\n');
        for (String line : lines) {
            if (!line.equals(header)) {
                text.append(line).append('\n');
            }
        }
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text.toString()))
                .getRecords();
    }
}
