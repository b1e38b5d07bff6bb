/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.batch;

import dev.inferstream.batch.job.BatchScoringJob;
import dev.inferstream.batch.job.JobOptions;
import dev.inferstream.batch.parquet.ParquetFiles;
import dev.inferstream.bench.BenchModels;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The batch scorer on ONE input file per format — Parquet → Parquet compact columns, Avro → Avro full envelopes,
 * CSV → CSV — at parallelism 1 and 2 (the file split between the readers), for the logistic regression and the
 * pass-through model, on an embedded MiniCluster. Rows/s over the job's net runtime (MiniCluster start-up excluded,
 * reported separately; task deployment and model loading included). Prints a Markdown table for BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.batch.FormatsBatchBenchmark [rows]
 * [parquet|avro|csv]} (the last argument: that format only)
 */
public final class FormatsBatchBenchmark {
    private static final int FEATURES = 30;
    private static final int BATCH = 1024;

    private FormatsBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        String only = args.length > 1 ? args[1] : "";
        Path work = Files.createTempDirectory("inferstream-formats-bench");
        try {
            run(work, rows, only);
        } finally {
            BatchBenchmark.delete(work);
        }
        System.exit(0);
    }

    private static void run(Path work, int rows, String only) throws Exception {
        LocalModelRepository models = new LocalModelRepository(work.resolve("models"));
        publish(models, "passthrough", TestModels.passThrough(FEATURES), "  - {name: score, kind: score}\n");
        publish(models, "lr", TestModels.logisticRegression(FEATURES, 42).onnx(), BenchModels.OUTPUTS);
        Schema schema = BatchBenchmark.schema();
        List<GenericRecord> records = records(schema, rows);
        writeAvro(work.resolve("events.avro"), schema, records);
        writeParquet(work.resolve("events.parquet"), schema, records);
        writeCsv(work.resolve("events.csv"), records);
        records = null;

        // warm-up: JIT and class loading, not measured
        job(work, models, "lr", "events.avro", "out", 2);

        System.out.println();
        System.out.println("### Batch scorer per format, one file (" + String.format("%,d", rows)
                + " rows, 30 features, batch " + BATCH + ", embedded MiniCluster)");
        System.out.println();
        System.out.println("| input → output | model | parallelism | rows/s (net) | start-up s | vs pass-through |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        String[][] formats = {
            {"Parquet → Parquet compact", "events.parquet", "out.parquet"},
            {"Avro → Avro envelope", "events.avro", "out"},
            {"CSV → CSV", "events.csv", "out.csv"}
        };
        for (String[] format : formats) {
            if (!format[1].endsWith(only)) {
                continue;
            }
            for (int parallelism : new int[] {1, 2}) {
                double[] pass = job(work, models, "passthrough", format[1], format[2], parallelism);
                double[] lr = job(work, models, "lr", format[1], format[2], parallelism);
                System.out.printf(
                        "| %s | passthrough | %d | %,.0f | %.1f | 1.00 |%n",
                        format[0], parallelism, rows / pass[0], pass[1]);
                System.out.printf(
                        "| %s | lr | %d | %,.0f | %.1f | %.2f |%n",
                        format[0], parallelism, rows / lr[0], lr[1], pass[0] / lr[0]);
            }
        }
        System.out.println();
        System.out.println("rows/s = rows / the job's net runtime; start-up = wall time of env.execute minus that.");
    }

    /** The job's net runtime and the rest of the wall time (MiniCluster start and stop), in seconds. */
    private static double[] job(
            Path work, LocalModelRepository models, String model, String input, String output, int parallelism)
            throws Exception {
        Path out = work.resolve(output);
        BatchBenchmark.delete(out);
        BatchBenchmark.delete(work.resolve("dlq"));
        List<String> args = new ArrayList<>(List.of(
                "--model-repository",
                models.root().toString(),
                "--model",
                model,
                "--version",
                "1",
                "--input",
                work.resolve(input).toString(),
                "--output",
                out.toString(),
                "--dead-letters",
                work.resolve("dlq").toString(),
                "--batch-size",
                Integer.toString(BATCH),
                "--parallelism",
                Integer.toString(parallelism),
                "--checkpoint-interval-ms",
                "10000"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, JobOptions.parse(args.toArray(String[]::new)));
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("bench");
        double wall = (System.nanoTime() - start) / 1e9;
        double net = result.getNetRuntime() / 1e3;
        return new double[] {net, wall - net};
    }

    private static List<GenericRecord> records(Schema schema, int rows) {
        Random random = new Random(1);
        List<GenericRecord> records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("id", "e" + i);
            for (int f = 0; f < FEATURES; f++) {
                record.put("f" + f, random.nextGaussian());
            }
            records.add(record);
        }
        return records;
    }

    private static void writeAvro(Path file, Schema schema, List<GenericRecord> records) throws IOException {
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            for (GenericRecord r : records) {
                writer.append(r);
            }
        }
    }

    private static void writeParquet(Path file, Schema schema, List<GenericRecord> records) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter<GenericRecord> writer =
                        ParquetFiles.writer(ParquetFiles.output(out), schema, 16L << 20, Map.of())) {
            for (GenericRecord r : records) {
                writer.write(r);
            }
        }
    }

    private static void writeCsv(Path file, List<GenericRecord> records) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id");
            for (int f = 0; f < FEATURES; f++) {
                header.append(",f").append(f);
            }
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (GenericRecord r : records) {
                line.setLength(0);
                line.append(r.get("id"));
                for (int f = 0; f < FEATURES; f++) {
                    line.append(',').append(r.get("f" + f));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static void publish(LocalModelRepository models, String model, byte[] onnx, String outputs)
            throws IOException {
        String manifest = TestModels.manifest(model, 1, FEATURES, outputs);
        models.publish(new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx);
    }
}
