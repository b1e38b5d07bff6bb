/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.batch;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.job.BatchScoringJob;
import dev.inferstream.batch.job.JobOptions;
import dev.inferstream.batch.source.ColumnFileSource;
import dev.inferstream.batch.source.FileKind;
import dev.inferstream.batch.source.RowFileSource;
import dev.inferstream.bench.BenchModels;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The batch scorer per input format, in one file and in several, at each parallelism, side by side with a read-only
 * job (the same source, rows discarded: the I/O ceiling), a pass-through model job (same read and write, next to no
 * model) and raw ONNX Runtime at the same batch size. Formats: {@code parquet} (Parquet → Parquet compact, the
 * columnar path), {@code parquet-rows} (the same through the per-row path), {@code avro} (Avro → Avro full
 * envelopes), {@code csv} (CSV → CSV). Rows/s over the job's net runtime (start-up — MiniCluster start, or submission
 * to a cluster — reported apart; task deployment, model loading and the final checkpoint included). Jobs do not
 * restart: a job whose task fails gets a row that says why instead of a rate. Prints a Markdown table for
 * BENCHMARKS.md.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.batch.FormatsBatchBenchmark \
 *     [--rows 10000000] [--formats parquet,parquet-rows,avro,csv] [--files 1,8] [--parallelism 1,2] \
 *     [--cluster 127.0.0.1:8082 --jar flink-batch-scorer/target/flink-batch-scorer.jar] [--work DIR]
 * </pre>
 *
 * Without {@code --cluster} the jobs run on an embedded MiniCluster; with it, on a running session cluster
 * ({@code scripts/flink-cluster start --slots 2}) that reads the same local files.
 */
public final class FormatsBatchBenchmark {
    private static final int BATCH = 1024;

    private final Settings settings;
    private final LocalModelRepository models;

    /** What to run. */
    record Settings(
            long rows,
            List<String> formats,
            List<Integer> files,
            List<Integer> parallelisms,
            String cluster,
            String jar,
            Path work) {
        static Settings parse(String[] args) throws IOException {
            long rows = 1_000_000;
            List<String> formats = List.of("parquet", "parquet-rows", "avro", "csv");
            List<Integer> files = List.of(1, 8);
            List<Integer> parallelisms = List.of(1, 2);
            String cluster = null;
            String jar = "flink-batch-scorer/target/flink-batch-scorer.jar";
            Path work = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rows" -> rows = Long.parseLong(value.replace("_", ""));
                    case "--formats" -> formats = List.of(value.split(","));
                    case "--files" -> files = ints(value);
                    case "--parallelism" -> parallelisms = ints(value);
                    case "--cluster" -> cluster = value;
                    case "--jar" -> jar = value;
                    case "--work" -> work = Path.of(value);
                    default ->
                        throw new IllegalArgumentException("unknown argument " + args[i] + ": use --rows, --formats, "
                                + "--files, --parallelism, --cluster, --jar or --work");
                }
                i++;
            }
            return new Settings(
                    rows,
                    formats,
                    files,
                    parallelisms,
                    cluster,
                    jar,
                    work != null ? work : Files.createTempDirectory("inferstream-formats-bench"));
        }

        private static List<Integer> ints(String list) {
            return Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
        }
    }

    private FormatsBatchBenchmark(Settings settings) throws IOException {
        this.settings = settings;
        this.models = new LocalModelRepository(settings.work().resolve("models"));
        publish("passthrough", TestModels.passThrough(BatchBenchmark.FEATURES), "  - {name: score, kind: score}\n");
        publish("lr", TestModels.logisticRegression(BatchBenchmark.FEATURES, 42).onnx(), BenchModels.OUTPUTS);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        try {
            new FormatsBatchBenchmark(settings).run();
        } finally {
            BatchBenchmark.delete(settings.work());
        }
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(
                "### Batch scorer per format (%,d rows of 30 features, batch %d, %s)%n%n",
                settings.rows(), BATCH, settings.cluster() == null ? "embedded MiniCluster" : settings.cluster());
        System.out.println("| input → output | files | job | parallelism | rows/s (net) | rows/s per slot "
                + "| start-up s | vs pass-through |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        boolean warm = false;
        Map<String, Path> inputs = new HashMap<>();
        for (String format : settings.formats()) {
            for (int files : settings.files()) {
                String name = "in-" + BenchInputs.extension(format) + "-" + files;
                Path input = inputs.get(name);
                if (input == null) {
                    input = BenchInputs.write(settings.work().resolve(name), format, settings.rows(), files);
                    inputs.put(name, input);
                }
                if (!warm) {
                    // JIT and class loading, not measured
                    scoring(format, input, "lr", settings.parallelisms().get(0));
                    warm = true;
                }
                Path in = input;
                for (int parallelism : settings.parallelisms()) {
                    Measured read = measure(() -> readOnly(format, in, parallelism));
                    Measured pass = measure(() -> scoring(format, in, "passthrough", parallelism));
                    Measured lr = measure(() -> scoring(format, in, "lr", parallelism));
                    print(format, files, "read only", parallelism, read, null);
                    print(format, files, "passthrough", parallelism, pass, pass);
                    print(format, files, "lr", parallelism, lr, pass);
                }
            }
        }
        System.out.printf(
                "%nraw ONNX Runtime, lr, batch %d, one thread: %,.0f rows/s%n",
                BATCH, BatchBenchmark.rawOrt("lr", BATCH));
        System.out.println("rows/s = rows / the job's net runtime; start-up = wall time of execute minus that.");
    }

    /** A job's net runtime and start-up in seconds, or why it failed. */
    private record Measured(double net, double startUp, String failure) {}

    /**
     * Runs a job, which does not restart: a failed task fails the job and its row says why, rather than the time of
     * its restarts passing for a rate.
     */
    private static Measured measure(Callable<double[]> job) {
        try {
            double[] times = job.call();
            return new Measured(times[0], times[1], null);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("job failed: " + e);
            return new Measured(Double.NaN, Double.NaN, root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    private void print(String format, int files, String job, int parallelism, Measured times, Measured pass) {
        if (times.failure() != null) {
            System.out.printf(
                    "| %s | %d | %s | %d | failed: %s | | | |%n",
                    label(format), files, job, parallelism, times.failure().replace('|', '/'));
            return;
        }
        double rate = settings.rows() / times.net();
        System.out.printf(
                "| %s | %d | %s | %d | %,.0f | %,.0f | %.1f | %s |%n",
                label(format),
                files,
                job,
                parallelism,
                rate,
                rate / parallelism,
                times.startUp(),
                pass == null || pass.failure() != null ? "–" : String.format("%.2f", pass.net() / times.net()));
    }

    private static String label(String format) {
        return switch (format) {
            case "parquet" -> "Parquet → Parquet compact (columnar)";
            case "parquet-rows" -> "Parquet → Parquet compact (per row)";
            case "avro" -> "Avro → Avro envelope";
            default -> "CSV → CSV";
        };
    }

    /** The net runtime and the rest of the wall time, in seconds, of scoring {@code input} with {@code model}. */
    private double[] scoring(String format, Path input, String model, int parallelism) throws Exception {
        Path out = settings.work().resolve("out");
        BatchBenchmark.delete(out);
        BatchBenchmark.delete(settings.work().resolve("dlq"));
        String outputFormat = format.startsWith("parquet") ? "parquet" : format;
        List<String> args = new ArrayList<>(List.of(
                "--model-repository", models.root().toString(),
                "--model", model,
                "--version", "1",
                "--input", input.toString(),
                "--input-format", BenchInputs.extension(format),
                "--output", out.toString(),
                "--output-format", outputFormat,
                "--dead-letters", settings.work().resolve("dlq").toString(),
                "--batch-size", Integer.toString(BATCH),
                "--parallelism", Integer.toString(parallelism),
                "--checkpoint-interval-ms", "10000",
                "--restart-attempts", "0"));
        if (format.equals("parquet-rows")) {
            args.add("--no-columnar");
        }
        StreamExecutionEnvironment env = environment();
        BatchScoringJob.build(env, JobOptions.parse(args.toArray(String[]::new)));
        return execute(env);
    }

    /** The same source, every row discarded: what reading alone costs. */
    private double[] readOnly(String format, Path input, int parallelism) throws Exception {
        StreamExecutionEnvironment env = environment();
        env.setParallelism(parallelism);
        // as the scoring job: rows pass to the next operator by reference
        env.getConfig().enableObjectReuse();
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(input.toString());
        if (format.equals("parquet")) {
            List<String> columns = IntStream.range(0, BatchBenchmark.FEATURES)
                    .mapToObj(f -> "f" + f)
                    .toList();
            env.fromSource(
                            ColumnFileSource.parquet(path, columns, BATCH, 0, parallelism),
                            WatermarkStrategy.noWatermarks(),
                            "read",
                            TypeInformation.of(RowColumns.class))
                    .sinkTo(new DiscardingSink<>());
        } else {
            FileKind kind = FileKind.valueOf(BenchInputs.extension(format).toUpperCase(Locale.ROOT));
            env.fromSource(
                            RowFileSource.of(path, kind, 0, parallelism),
                            WatermarkStrategy.noWatermarks(),
                            "read",
                            TypeInformation.of(InputRow.class))
                    .sinkTo(new DiscardingSink<>());
        }
        return execute(env);
    }

    private StreamExecutionEnvironment environment() {
        if (settings.cluster() == null) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        String[] hostPort = settings.cluster().split(":");
        return StreamExecutionEnvironment.createRemoteEnvironment(
                hostPort[0], Integer.parseInt(hostPort[1]), settings.jar());
    }

    private static double[] execute(StreamExecutionEnvironment env) throws Exception {
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("bench");
        double wall = (System.nanoTime() - start) / 1e9;
        double net = result.getNetRuntime() / 1e3;
        return new double[] {net, wall - net};
    }

    private void publish(String model, byte[] onnx, String outputs) throws IOException {
        String manifest = TestModels.manifest(model, 1, BatchBenchmark.FEATURES, outputs);
        models.publish(new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx);
    }
}
