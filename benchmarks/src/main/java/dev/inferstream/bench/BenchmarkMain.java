/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks (JMH options may be passed, e.g. a benchmark regex or {@code -f 2}) and prints rows/s per
 * configuration as a Markdown table, with the ratios to raw ONNX Runtime, ready for BENCHMARKS.md.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Options options = new OptionsBuilder()
                .parent(cli)
                .include(cli.getIncludes().isEmpty() ? "dev.inferstream.bench.*" : String.join("|", cli.getIncludes()))
                .forks(cli.getForkCount().orElse(1))
                .warmupIterations(cli.getWarmupIterations().orElse(3))
                .warmupTime(cli.getWarmupTime().orElse(TimeValue.seconds(1)))
                .measurementIterations(cli.getMeasurementIterations().orElse(5))
                .measurementTime(cli.getMeasurementTime().orElse(TimeValue.seconds(1)))
                .build();
        print(new Runner(options).run(), System.out);
    }

    private static void print(Collection<RunResult> results, PrintStream out) throws RunnerException {
        Map<String, double[]> rowsPerSecond = new LinkedHashMap<>();
        printDrift(
                results.stream()
                        .filter(r -> r.getParams().getBenchmark().contains("DriftBenchmark"))
                        .toList(),
                out);
        printExplain(
                results.stream()
                        .filter(r -> r.getParams().getBenchmark().contains("ExplainBenchmark"))
                        .toList(),
                out);
        results.stream()
                .filter(r ->
                        r.getParams().getParam("model") != null && r.getParams().getParam("batch") != null)
                .sorted(Comparator.comparing((RunResult r) -> r.getParams().getParam("model"))
                        .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("batch"))))
                .forEach(r -> {
                    String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
                    String key = r.getParams().getParam("model") + "|"
                            + r.getParams().getParam("batch") + "|" + method;
                    double micros = r.getPrimaryResult().getScore();
                    double error = r.getPrimaryResult().getScoreError();
                    int batch = Integer.parseInt(r.getParams().getParam("batch"));
                    rowsPerSecond.put(key, new double[] {batch * 1e6 / micros, error / micros});
                });
        if (rowsPerSecond.isEmpty()) {
            return;
        }
        out.println();
        out.println("| model | batch | raw ORT direct buffer | raw ORT float[][] | direct / float[][] "
                + "| common-model score | score / raw direct | feature mapping |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        rowsPerSecond.keySet().stream()
                .map(k -> k.substring(0, k.lastIndexOf('|')))
                .distinct()
                .forEach(config -> {
                    double[] direct = rowsPerSecond.get(config + "|directBuffer");
                    double[] arrays = rowsPerSecond.get(config + "|javaArrays");
                    double[] score = rowsPerSecond.get(config + "|score");
                    double[] map = rowsPerSecond.get(config + "|mapFeatures");
                    String[] parts = config.split("\\|");
                    out.printf(
                            "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            parts[0],
                            parts[1],
                            rate(direct),
                            rate(arrays),
                            ratio(direct, arrays),
                            rate(score),
                            ratio(score, direct),
                            rate(map));
                });
        out.println();
        out.println("Rows per second (± relative 99.9% error). Ratios compare configurations measured in this run.");
    }

    /** Drift bookkeeping next to scoring, per record, for 64-record batches. */
    private static void printDrift(List<RunResult> drift, PrintStream out) {
        if (drift.isEmpty()) {
            return;
        }
        Map<String, Double> perRecord = new LinkedHashMap<>();
        drift.forEach(r -> perRecord.put(
                r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                r.getPrimaryResult().getScore() * 1_000 / DriftBenchmark.BATCH));
        out.println();
        out.println("| drift bookkeeping ns/record | lr scoring ns/record | drift / scoring |");
        out.println("|---:|---:|---:|");
        out.printf(
                "| %.0f | %.0f | %.2f |%n",
                perRecord.get("observe"), perRecord.get("score"), perRecord.get("observe") / perRecord.get("score"));
    }

    /** Per model and method: one explanation next to scoring one record, both per call and per second. */
    private static void printExplain(List<RunResult> explain, PrintStream out) throws RunnerException {
        if (explain.isEmpty()) {
            return;
        }
        Map<String, RunResult> byKey = new LinkedHashMap<>();
        explain.forEach(r -> byKey.put(
                r.getParams().getParam("model") + "|" + r.getParams().getParam("method") + "|"
                        + r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                r));
        out.println();
        out.println("| model | setting | method used | explain µs | explanations/s | score µs (1 row) | rows/s "
                + "| explain / score |");
        out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (String model : List.of("lr", "mlp", "trees")) {
            for (String method : List.of("auto", "sampling")) {
                RunResult explainRun = byKey.get(model + "|" + method + "|explain");
                RunResult scoreRun = byKey.get(model + "|" + method + "|score");
                if (explainRun == null || scoreRun == null) {
                    continue;
                }
                double explainMicros = explainRun.getPrimaryResult().getScore();
                double scoreMicros = scoreRun.getPrimaryResult().getScore();
                String used;
                try {
                    used = ExplainBenchmark.describe(model, method);
                } catch (Exception e) {
                    throw new RunnerException(e);
                }
                out.printf(
                        "| %s | %s | %s | %,.1f ±%.0f%% | %,.0f | %,.1f ±%.0f%% | %,.0f | %,.2f |%n",
                        model,
                        method,
                        used,
                        explainMicros,
                        100 * explainRun.getPrimaryResult().getScoreError() / explainMicros,
                        1e6 / explainMicros,
                        scoreMicros,
                        100 * scoreRun.getPrimaryResult().getScoreError() / scoreMicros,
                        1e6 / scoreMicros,
                        explainMicros / scoreMicros);
            }
        }
    }

    private static String rate(double[] value) {
        return value == null ? "–" : String.format("%,.0f ±%.0f%%", value[0], value[1] * 100);
    }

    private static String ratio(double[] a, double[] b) {
        return a == null || b == null ? "–" : String.format("%.2f", a[0] / b[0]);
    }
}
