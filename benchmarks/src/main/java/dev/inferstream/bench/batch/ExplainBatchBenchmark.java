/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.batch;

import dev.inferstream.bench.BenchModels;
import dev.inferstream.bench.ExplainBenchmark;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The batch scorer's rows/s with and without {@code --explain top-3} (Avro file → Avro file, batch 256, parallelism
 * 2, embedded MiniCluster), for the logistic regression (exact linear), the 100-tree ensemble (TreeSHAP) and the
 * MLP (sampling), each over its own row count so that every run takes seconds. Prints a Markdown table.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.batch.ExplainBatchBenchmark [lr rows]
 * [trees rows] [mlp rows]}
 */
public final class ExplainBatchBenchmark {
    private static final int FEATURES = 30;

    private ExplainBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] rows = {
            args.length > 0 ? Integer.parseInt(args[0]) : 200_000,
            args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
            args.length > 2 ? Integer.parseInt(args[2]) : 5_000
        };
        Path work = Files.createTempDirectory("inferstream-explain-bench");
        try {
            run(work, rows);
        } finally {
            BatchBenchmark.delete(work);
        }
        System.exit(0);
    }

    private static void run(Path work, int[] rows) throws Exception {
        LocalModelRepository models = new LocalModelRepository(work.resolve("models"));
        publish(models, "lr", TestModels.logisticRegression(FEATURES, 42).onnx());
        publish(models, "trees", ExplainBenchmark.trees());
        publish(models, "mlp", TestModels.mlp(FEATURES, 64, 32, 2, 42));
        String[] names = {"lr", "trees", "mlp"};
        for (int m = 0; m < names.length; m++) {
            BatchBenchmark.writeInput(work.resolve("in-" + names[m] + "/a.avro"), BatchBenchmark.schema(), rows[m], 1);
        }
        job(work, models, "lr", null); // warm-up: JIT and class loading, not measured
        System.out.println();
        System.out.println("| model | method | rows | rows/s without | rows/s with --explain top-3 | with / without |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        String[] methods = {"LINEAR", "TREE_SHAP", "SAMPLING"};
        for (int m = 0; m < names.length; m++) {
            double without = rows[m] / job(work, models, names[m], null);
            double with = rows[m] / job(work, models, names[m], "top-3");
            System.out.printf(
                    "| %s | %s | %,d | %,.0f | %,.0f | %.3f |%n",
                    names[m], methods[m], rows[m], without, with, with / without);
        }
        System.out.println();
        System.out.println("Rows per second over the whole job (start to finish, including reading and writing).");
    }

    private static double job(Path work, LocalModelRepository models, String model, String explain) throws Exception {
        String[] options = explain == null ? new String[0] : new String[] {"--explain", explain};
        return BatchBenchmark.timedJob(work, models, model, work.resolve("in-" + model), 256, 2, options);
    }

    private static void publish(LocalModelRepository models, String model, byte[] onnx) throws Exception {
        StringBuilder background = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            background.append(f == 0 ? "" : ",").append('f').append(f);
        }
        background.append('\n');
        Random random = new Random(7);
        for (int r = 0; r < 100; r++) {
            for (int f = 0; f < FEATURES; f++) {
                background.append(f == 0 ? "" : ",").append((float) random.nextGaussian());
            }
            background.append('\n');
        }
        String manifest = TestModels.manifest(model, 1, FEATURES, BenchModels.OUTPUTS)
                + "explain:\n  background: background.csv\n";
        models.publish(
                new ModelRef(model, 1),
                manifest.getBytes(StandardCharsets.UTF_8),
                onnx,
                Map.of("background.csv", background.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
