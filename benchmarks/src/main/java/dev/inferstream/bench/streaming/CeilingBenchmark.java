/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The streaming scorer next to the framework's ceiling, in one run, on the same backlog (same topic, partitions and
 * record sizes) and guarantee: a Kafka Streams byte copy, a plain consumer → producer copy, and the scorer (this
 * build and, when given, an earlier one), each in its own JVM. Per run: events/s and process CPU time per event
 * between the arrival of the first fifth of the outputs (start-up and warm-up, left out) and the last one. Programs
 * alternate in rotating order; medians of {@link #ROUNDS} runs are printed.
 */
final class CeilingBenchmark {
    /** Runs per program and guarantee; {@code -Dbench.rounds=1} for a quick check. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    static final int BATCH = 64;
    static final int WAIT_MS = 5;

    /** One measured run. */
    record Measure(double eventsPerSecond, double cpuMicrosPerEvent) {}

    /** Starts one program reading {@code input} and writing {@code output}. */
    private interface Launcher {
        BenchJvm start(String guarantee, String input, String output) throws Exception;
    }

    private record Program(String name, Launcher launcher) {}

    private final StreamingBenchmark bench;
    private final PrintStream out;
    private final String classpath;
    private final String earlierScorer;

    /** @param earlierScorer the classpath of an earlier scorer build (its streaming-scorer.jar), or null */
    CeilingBenchmark(StreamingBenchmark bench, PrintStream out, String classpath, String earlierScorer) {
        this.bench = bench;
        this.out = out;
        this.classpath = classpath;
        this.earlierScorer = earlierScorer;
    }

    void run(int events) throws Exception {
        String loadBefore = LoadAverage.now();
        String backlog = bench.topic("backlog", StreamingBenchmark.PARTITIONS);
        bench.produce(backlog, events, 0);
        List<Program> programs = programs();
        out.println();
        out.println("### Scorer vs the framework ceiling (" + String.format("%,d", events) + "-event backlog, "
                + StreamingBenchmark.PARTITIONS + " partitions, 1 stream thread, scorer batch " + BATCH
                + ", max wait " + WAIT_MS + " ms; each program in its own JVM; medians of " + ROUNDS
                + " alternated runs; outputs 20–100 % measured)");
        out.println();
        out.println("| program | guarantee | events/s | vs Streams byte copy | CPU µs/event | CPU vs Streams byte copy "
                + "| events/s of each run | CPU µs/event of each run |");
        out.println("|---|---|---:|---:|---:|---:|---|---|");
        for (String guarantee : List.of("at_least_once", "exactly_once_v2")) {
            Map<String, List<Measure>> runs = new LinkedHashMap<>();
            programs.forEach(p -> runs.put(p.name(), new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                List<Program> order = new ArrayList<>(programs);
                Collections.rotate(order, -round);
                for (Program program : order) {
                    runs.get(program.name()).add(measure(program, guarantee, backlog, events));
                }
            }
            List<Measure> copy = runs.get(programs.get(0).name());
            double copyRate = median(copy, Measure::eventsPerSecond);
            double copyCpu = median(copy, Measure::cpuMicrosPerEvent);
            runs.forEach((name, measured) -> {
                double rate = median(measured, Measure::eventsPerSecond);
                double cpu = median(measured, Measure::cpuMicrosPerEvent);
                out.printf(
                        "| %s | %s | %,.0f | %.2f | %.1f | %.2f | %s | %s |%n",
                        name,
                        guarantee.startsWith("exactly") ? "EOS" : "ALO",
                        rate,
                        rate / copyRate,
                        cpu,
                        cpu / copyCpu,
                        each(measured, m -> String.format("%,.0f", m.eventsPerSecond())),
                        each(measured, m -> String.format("%.1f", m.cpuMicrosPerEvent())));
            });
        }
        out.println();
        out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + LoadAverage.now());
    }

    private List<Program> programs() {
        List<Program> programs = new ArrayList<>();
        programs.add(new Program("Kafka Streams byte copy", (g, in, o) -> copy(ByteCopyTopology.class, g, in, o)));
        programs.add(new Program("consumer → producer copy", (g, in, o) -> copy(ConsumerProducerCopy.class, g, in, o)));
        for (String model : List.of("lr", "mlp")) {
            programs.add(new Program("scorer " + model, (g, in, o) -> scorer(classpath, model, g, in, o)));
            if (earlierScorer != null) {
                programs.add(new Program(
                        "scorer " + model + " (earlier build)", (g, in, o) -> scorer(earlierScorer, model, g, in, o)));
            }
        }
        return programs;
    }

    private BenchJvm scorer(String cp, String model, String guarantee, String input, String output) throws Exception {
        Properties config = bench.properties(
                input, output, model, guarantee, BATCH, WAIT_MS, StreamingBenchmark.DEFAULT_DRIFT_WINDOW);
        return BenchJvm.scorer(cp, config, bench.work().resolve("jvms"), "scorer-" + output);
    }

    private BenchJvm copy(Class<?> main, String guarantee, String input, String output) throws Exception {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", bench.bootstrap());
        config.setProperty("application.id", "bench-copy-" + UUID.randomUUID());
        config.setProperty("processing.guarantee", guarantee);
        config.setProperty("state.dir", bench.work().resolve("state").toString());
        config.setProperty("num.stream.threads", "1");
        config.setProperty("consumer.auto.offset.reset", "earliest");
        // the scorer's producer lingers as long as its batch waits (max wait 5 ms): the same here
        config.setProperty("producer.linger.ms", Integer.toString(WAIT_MS));
        config.setProperty("linger.ms", Integer.toString(WAIT_MS));
        config.setProperty("copy.input", input);
        config.setProperty("copy.output", output);
        return BenchJvm.program(
                classpath, main.getName(), config, bench.work().resolve("jvms"), main.getSimpleName() + "-" + output);
    }

    private Measure measure(Program program, String guarantee, String backlog, int events) throws Exception {
        String output = bench.topic("out", StreamingBenchmark.PARTITIONS);
        int from = events / 5;
        long[] at = new long[4];
        try (BenchJvm jvm = program.launcher().start(guarantee, backlog, output)) {
            int[] seen = {0};
            try {
                bench.consume(output, events, Duration.ofMinutes(4), r -> {
                    seen[0]++;
                    if (seen[0] == from || seen[0] == events) {
                        int i = seen[0] == from ? 0 : 2;
                        at[i] = System.nanoTime();
                        at[i + 1] = jvm.cpuNanos();
                    }
                });
            } catch (IllegalStateException e) {
                throw new IllegalStateException(program.name() + ": " + e.getMessage() + "\n" + jvm.log(), e);
            }
        }
        int measured = events - from;
        return new Measure(measured * 1e9 / (at[2] - at[0]), (at[3] - at[1]) / 1000.0 / measured);
    }

    private static double median(List<Measure> runs, ToDoubleFunction<Measure> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String each(List<Measure> runs, Function<Measure, String> figure) {
        return String.join(" / ", runs.stream().map(figure).toList());
    }
}
