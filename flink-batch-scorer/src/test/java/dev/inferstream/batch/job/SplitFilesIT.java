/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static dev.inferstream.batch.job.BatchFixture.event;
import static dev.inferstream.batch.job.BatchFixture.events;
import static dev.inferstream.batch.job.BatchFixture.readAvro;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.schemas.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One big file read by two parallel readers (split at Avro blocks, Parquet row groups, CSV records): every row is
 * scored once, with the row number, prediction id and score it gets when the file is read whole, in every format, and
 * on the columnar path (Parquet to compact Parquet) as on the per-row path.
 */
@Timeout(240)
class SplitFilesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    private static final int F = 5;
    private static final int ROWS = 20_000;
    private static final Schema EVENT = event(F);

    @TempDir
    Path dir;

    @Test
    void anAvroFileSplitAcrossTwoReadersScoresLikeTheWholeFile() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        BatchFixture.writeAvro(dir.resolve("in/events.avro"), EVENT, events(EVENT, ROWS, 7));

        run(repo, dir.resolve("in"), dir.resolve("whole"), "--parallelism", "1", "--split-size", "1g");
        run(repo, dir.resolve("in"), dir.resolve("split"), "--parallelism", "2", "--split-size", "32k");

        Map<Long, Prediction> whole = byRow(readAvro(dir.resolve("whole"), Prediction.class));
        List<Prediction> split = readAvro(dir.resolve("split"), Prediction.class);
        assertThat(whole).hasSize(ROWS);
        assertThat(split).hasSize(ROWS);
        assertThat(split.stream().map(Prediction::getScorer).distinct()).hasSize(1);
        for (Prediction p : split) {
            Prediction w = whole.get(p.getSource().getOffset());
            assertThat(p.getPredictionId()).isEqualTo(w.getPredictionId());
            assertThat(p.getScore()).isEqualTo(w.getScore());
        }
    }

    @Test
    void parquetInCompactParquetOutScoresEveryRowOnceLikeAvroWithTheLineageInTheFileMetadata() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        List<GenericRecord> events = events(EVENT, ROWS, 8);
        BatchFixture.writeAvro(dir.resolve("avro/events.avro"), EVENT, events);
        ParquetRows.write(dir.resolve("parquet/events.parquet"), EVENT, 16 * 1024, events);

        run(repo, dir.resolve("avro"), dir.resolve("envelopes"), "--parallelism", "1");
        run(
                repo,
                dir.resolve("parquet"),
                dir.resolve("compact.parquet"),
                "--input-format",
                "parquet",
                "--parallelism",
                "2",
                "--split-size",
                "32k",
                "--output-fields",
                "row,key,prediction_id,version,arm,score,label,id");

        Map<Long, Prediction> reference = byRow(readAvro(dir.resolve("envelopes"), Prediction.class));
        List<GenericRecord> compact = ParquetRows.read(dir.resolve("compact.parquet"));
        assertThat(compact).hasSize(ROWS);
        Map<Long, Integer> perRow = new HashMap<>();
        for (GenericRecord r : compact) {
            long row = (Long) r.get("row");
            perRow.merge(row, 1, Integer::sum);
            Prediction avro = reference.get(row);
            assertThat(r.get("score")).as("row %d", row).isEqualTo(avro.getScore());
            assertThat(r.get("label").toString()).isEqualTo(avro.getLabel());
            assertThat(r.get("arm").toString()).isEqualTo("stable");
            assertThat(r.get("version")).isEqualTo(1);
            assertThat(r.get("id").toString()).as("the carried input column").isEqualTo("e" + row);
            assertThat(r.get("prediction_id").toString()).hasSize(32);
        }
        assertThat(Set.copyOf(perRow.values())).containsExactly(1);
        List<Map<String, String>> metadata = ParquetRows.metadata(dir.resolve("compact.parquet"));
        assertThat(metadata).isNotEmpty().allSatisfy(m -> {
            assertThat(m).containsEntry("inferstream.model", "fraud");
            assertThat(m.get("inferstream.versions")).startsWith("1=");
            assertThat(m.get("inferstream.source")).endsWith("events.parquet");
        });
    }

    @Test
    void aCsvFileWithQuotedLineBreaksSplitAcrossTwoReadersWritesTheChosenColumnsOncePerRow() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        List<String> lines = new ArrayList<>(List.of("id,note,f0,f1,f2,f3,f4"));
        List<GenericRecord> events = events(EVENT, ROWS, 9);
        for (GenericRecord e : events) {
            StringBuilder line = new StringBuilder().append(e.get("id")).append(",\"a, \"\"quoted\"\"\nnote\"");
            for (int f = 0; f < F; f++) {
                line.append(',').append(e.get("f" + f));
            }
            lines.add(line.toString());
        }
        BatchFixture.writeCsv(dir.resolve("in/events.csv"), lines);

        run(
                repo,
                dir.resolve("in"),
                dir.resolve("out.csv"),
                "--input-format",
                "csv",
                "--parallelism",
                "2",
                "--split-size",
                "64k",
                "--output-fields",
                "row,score,id,note");

        List<String> out = BatchFixture.readLines(dir.resolve("out.csv"));
        String all = String.join("\n", out);
        assertThat(out.get(0)).isEqualTo("row,score,id,note");
        Map<String, Long> rows = Arrays.stream(all.split("\r?\n"))
                .filter(l -> l.matches("^\\d+,.*"))
                .collect(Collectors.groupingBy(l -> l.substring(0, l.indexOf(',')), Collectors.counting()));
        assertThat(rows).hasSize(ROWS);
        assertThat(Set.copyOf(rows.values())).containsExactly(1L);
        assertThat(all).contains("e19999,\"a, \"\"quoted\"\"");
    }

    private static Map<Long, Prediction> byRow(List<Prediction> predictions) {
        return predictions.stream().collect(Collectors.toMap(p -> p.getSource().getOffset(), p -> p));
    }

    @Test
    void aRowGetsTheSameScoreAndPredictionIdFromAvroCsvParquetAndTheColumnarPath() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, true);
        List<GenericRecord> events = events(EVENT, 3_000, 11);
        Path file = dir.resolve("in/events");
        String fields = "row,prediction_id,score,version,arm";

        BatchFixture.writeAvro(file, EVENT, events);
        run(repo, dir.resolve("in"), dir.resolve("avro"), "--input-format", "avro");
        Files.delete(file);
        BatchFixture.writeCsv(file, csv(events));
        run(repo, dir.resolve("in"), dir.resolve("out.csv"), "--input-format", "csv", "--output-fields", fields);
        Files.delete(file);
        ParquetRows.write(file, EVENT, 16 * 1024, events);
        String[] split = {"--input-format", "parquet", "--parallelism", "2", "--split-size", "32k"};
        String rowPlan = run(
                repo,
                dir.resolve("in"),
                dir.resolve("rows.parquet"),
                concat(split, "--no-columnar", "--output-fields", fields));
        String columnPlan =
                run(repo, dir.resolve("in"), dir.resolve("columns.parquet"), concat(split, "--output-fields", fields));

        assertThat(rowPlan).doesNotContain("(columnar)");
        assertThat(columnPlan).contains("(columnar)");
        Map<Long, Prediction> reference = byRow(readAvro(dir.resolve("avro"), Prediction.class));
        assertThat(reference).hasSize(3_000);
        Map<String, Map<Long, Object[]>> outputs = Map.of(
                "csv", csvRows(dir.resolve("out.csv")),
                "parquet", parquetRows(dir.resolve("rows.parquet")),
                "columnar parquet", parquetRows(dir.resolve("columns.parquet")));
        outputs.forEach((path, rows) -> {
            assertThat(rows).as(path).hasSize(3_000);
            reference.forEach((row, p) -> {
                Object[] r = rows.get(row);
                assertThat(r[0]).as("%s row %d prediction id", path, row).isEqualTo(p.getPredictionId());
                assertThat(r[1]).as("%s row %d score", path, row).isEqualTo(p.getScore());
                assertThat(r[2]).as("%s row %d version", path, row).isEqualTo(p.getVersion());
                assertThat(r[3]).as("%s row %d arm", path, row).isEqualTo(p.getArm());
            });
        });
    }

    private static List<String> csv(List<GenericRecord> events) {
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2,f3,f4"));
        for (GenericRecord e : events) {
            StringBuilder line = new StringBuilder().append(e.get("id"));
            for (int f = 0; f < F; f++) {
                line.append(',').append(e.get("f" + f));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Row → prediction id, score, version, arm. */
    private static Map<Long, Object[]> csvRows(Path out) throws Exception {
        Map<Long, Object[]> rows = new HashMap<>();
        for (String line : BatchFixture.readLines(out)) {
            if (line.startsWith("row,")) {
                continue;
            }
            String[] cells = line.split(",");
            Object[] previous = rows.put(
                    Long.parseLong(cells[0]),
                    new Object[] {cells[1], Double.parseDouble(cells[2]), Integer.parseInt(cells[3]), cells[4]});
            assertThat(previous).as("row %s written twice", cells[0]).isNull();
        }
        return rows;
    }

    private static Map<Long, Object[]> parquetRows(Path out) throws Exception {
        Map<Long, Object[]> rows = new HashMap<>();
        for (GenericRecord r : ParquetRows.read(out)) {
            Object[] previous = rows.put((Long) r.get("row"), new Object[] {
                r.get("prediction_id").toString(),
                r.get("score"),
                r.get("version"),
                r.get("arm").toString()
            });
            assertThat(previous).as("row %s written twice", r.get("row")).isNull();
        }
        return rows;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Runs the job as the command line builds it; returns its execution plan. */
    private static String run(LocalModelRepository repo, Path input, Path output, String... more) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, BatchFixture.fileJob(input, output, repo, concat(more, "--batch-size", "256")));
        String plan = env.getExecutionPlan();
        env.execute("test");
        return plan;
    }
}
