/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.batch;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.inferstream.batch.job.BatchScoringJob;
import dev.inferstream.batch.job.JobOptions;
import dev.inferstream.bench.BenchModels;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Avro file → Avro file rows/s of the batch scorer on an embedded MiniCluster, for the pass-through, logistic
 * regression and MLP models over batch sizes and parallelism, next to raw ONNX Runtime batched rows/s measured
 * in the same run. Prints a Markdown table for BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.batch.BatchBenchmark [rows]}
 */
public final class BatchBenchmark {
    static final int FEATURES = 30;

    private BatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path work = Files.createTempDirectory("inferstream-batch-bench");
        try {
            run(work, rows);
        } finally {
            delete(work);
        }
        System.exit(0);
    }

    private static void run(Path work, int rows) throws Exception {
        LocalModelRepository models = new LocalModelRepository(work.resolve("models"));
        publish(models, "passthrough", TestModels.passThrough(FEATURES), "  - {name: score, kind: score}\n");
        String binary = BenchModels.OUTPUTS;
        publish(models, "lr", TestModels.logisticRegression(FEATURES, 42).onnx(), binary);
        publish(models, "mlp", TestModels.mlp(FEATURES, 64, 32, 2, 42), binary);
        Schema schema = schema();
        writeInput(work.resolve("in/a.avro"), schema, rows / 2, 1);
        writeInput(work.resolve("in/b.avro"), schema, rows - rows / 2, 2);

        // warm-up: JIT and class loading, not measured
        job(work, models, "lr", 256, 2);

        int[] batches = {1, 64, 256, 1024};
        System.out.println();
        System.out.println("### Batch scorer, Avro file → Avro file (" + String.format("%,d", rows)
                + " rows, 30 features, embedded MiniCluster)");
        System.out.println();
        System.out.println(
                "| model | parallelism | batch 1 | batch 64 | batch 256 | batch 1024 | best / pass-through | best / raw ORT |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, Double> results = new LinkedHashMap<>();
        for (int parallelism : new int[] {1, 2}) {
            for (String model : new String[] {"passthrough", "lr", "mlp"}) {
                StringBuilder line = new StringBuilder("| " + model + " | " + parallelism + " |");
                double best = 0;
                int bestBatch = 0;
                for (int batch : batches) {
                    double rate = rows / job(work, models, model, batch, parallelism);
                    results.put(model + "|" + parallelism + "|" + batch, rate);
                    if (rate > best) {
                        best = rate;
                        bestBatch = batch;
                    }
                    line.append(String.format(" %,.0f |", rate));
                }
                double pass = results.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("passthrough|" + parallelism + "|"))
                        .mapToDouble(Map.Entry::getValue)
                        .max()
                        .orElse(1);
                double raw = model.equals("passthrough") ? Double.NaN : rawOrt(model, bestBatch);
                line.append(model.equals("passthrough") ? " 1.00 |" : String.format(" %.2f |", best / pass));
                line.append(
                        Double.isNaN(raw)
                                ? " – |"
                                : String.format(" %.3f (raw %,.0f at batch %d) |", best / raw, raw, bestBatch));
                System.out.println(line);
            }
        }
        System.out.println();
        System.out.println(
                "Rows per second over the whole job (start to finish, including reading and writing files).");
    }

    private static double job(Path work, LocalModelRepository models, String model, int batch, int parallelism)
            throws Exception {
        return timedJob(work, models, model, work.resolve("in"), batch, parallelism);
    }

    /**
     * Runs one scoring job of {@code model} over {@code input} into {@code work/out} and {@code work/dlq} (both
     * emptied first), with {@code extra} options; returns its wall-clock seconds.
     */
    static double timedJob(
            Path work,
            LocalModelRepository models,
            String model,
            Path input,
            int batch,
            int parallelism,
            String... extra)
            throws Exception {
        Path out = work.resolve("out");
        delete(out);
        delete(work.resolve("dlq"));
        List<String> args = new ArrayList<>(List.of(
                "--model-repository",
                models.root().toString(),
                "--model",
                model,
                "--version",
                "1",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--dead-letters",
                work.resolve("dlq").toString(),
                "--batch-size",
                Integer.toString(batch),
                "--parallelism",
                Integer.toString(parallelism),
                "--checkpoint-interval-ms",
                "10000"));
        args.addAll(List.of(extra));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, JobOptions.parse(args.toArray(String[]::new)));
        long start = System.nanoTime();
        env.execute("bench " + model);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Raw ONNX Runtime rows/s at one batch size: one session, one thread, reused direct buffer. */
    static double rawOrt(String model, int batch) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] onnx = model.equals("lr")
                ? TestModels.logisticRegression(FEATURES, 42).onnx()
                : TestModels.mlp(FEATURES, 64, 32, 2, 42);
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession session = env.createSession(onnx, so)) {
                FloatBuffer buffer = ByteBuffer.allocateDirect(batch * FEATURES * 4)
                        .order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                Random random = new Random(1);
                while (buffer.hasRemaining()) {
                    buffer.put((float) random.nextGaussian());
                }
                buffer.flip();
                long rows = 0;
                long warm = System.nanoTime() + 1_000_000_000L;
                long start = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (start == 0 && now > warm) {
                        start = now;
                        rows = 0;
                    }
                    if (start != 0 && now - start > 2_000_000_000L) {
                        return rows * 1e9 / (now - start);
                    }
                    try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {batch, FEATURES});
                            OrtSession.Result result =
                                    session.run(Map.of("features", input), Set.of("probabilities"))) {
                        rows += batch;
                    }
                }
            }
        }
    }

    static Schema schema() {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("BenchEvent").namespace("bench").fields().requiredString("id");
        for (int f = 0; f < FEATURES; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        return fields.endRecord();
    }

    static void writeInput(Path file, Schema schema, int rows, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        GenericRecord record = new GenericData.Record(schema);
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            for (int i = 0; i < rows; i++) {
                record.put("id", "e" + i);
                for (int f = 0; f < FEATURES; f++) {
                    record.put("f" + f, random.nextGaussian());
                }
                writer.append(record);
            }
        }
    }

    private static void publish(LocalModelRepository models, String model, byte[] onnx, String outputs)
            throws IOException {
        String manifest = TestModels.manifest(model, 1, FEATURES, outputs);
        models.publish(new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx);
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
