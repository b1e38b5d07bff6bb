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
import java.util.function.ToDoubleFunction;

/**
 * End-to-end latency under exactly-once as a function of {@code commit.interval.ms} (20, 50 and 100 ms), next to
 * at-least-once, at one paced rate: lr, batch 64, max wait 5 ms, each scorer in its own JVM; settings alternate in
 * rotating order, three runs each, medians printed.
 */
final class CommitIntervalLatency {
    static final int DEFAULT_RATE = 2_000;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURED = Duration.ofSeconds(10);

    private record Setting(String guarantee, int commitMs) {
        String label() {
            return guarantee.startsWith("exactly") ? "EOS" : "ALO";
        }
    }

    private final StreamingBenchmark bench;
    private final PrintStream out;
    private final String classpath;

    CommitIntervalLatency(StreamingBenchmark bench, PrintStream out, String classpath) {
        this.bench = bench;
        this.out = out;
        this.classpath = classpath;
    }

    void run(int rate) throws Exception {
        String loadBefore = LoadAverage.now();
        List<Setting> settings = List.of(
                new Setting("exactly_once_v2", 20),
                new Setting("exactly_once_v2", 50),
                new Setting("exactly_once_v2", 100),
                new Setting("at_least_once", 100));
        Map<Setting, List<SparseTrafficLatency.Run>> runs = new LinkedHashMap<>();
        settings.forEach(s -> runs.put(s, new ArrayList<>()));
        once(settings.get(0), rate, Duration.ofSeconds(3), Duration.ofSeconds(3));
        for (int round = 0; round < ROUNDS; round++) {
            List<Setting> order = new ArrayList<>(settings);
            Collections.rotate(order, -round);
            for (Setting setting : order) {
                runs.get(setting).add(once(setting, rate, WARM_UP, MEASURED));
            }
        }
        out.println();
        out.println("### End-to-end latency per commit.interval.ms (" + String.format("%,d", rate) + " events/s, lr, "
                + "batch 64, max wait 5 ms, each scorer in its own JVM; medians of " + ROUNDS + " alternated runs, "
                + MEASURED.toSeconds() + " s measured after " + WARM_UP.toSeconds() + " s of warm-up)");
        out.println();
        out.println("| guarantee | commit.interval.ms | p50 ms | p99 ms | max ms | p99 of each run |");
        out.println("|---|---:|---:|---:|---:|---|");
        runs.forEach((setting, measured) -> out.printf(
                "| %s | %s | %.0f | %.0f | %.0f | %s |%n",
                setting.label(),
                setting.guarantee().startsWith("exactly") ? Integer.toString(setting.commitMs()) : "(30,000)",
                median(measured, r -> r.endToEndMs(0.5)),
                median(measured, r -> r.endToEndMs(0.99)),
                median(measured, r -> r.endToEndMs(1.0)),
                String.join(
                        " / ",
                        measured.stream()
                                .map(r -> String.format("%.0f", r.endToEndMs(0.99)))
                                .toList())));
        out.println();
        out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + LoadAverage.now());
    }

    private SparseTrafficLatency.Run once(Setting setting, int rate, Duration warmUp, Duration measured)
            throws Exception {
        Map<String, String> extra = setting.guarantee().startsWith("exactly")
                ? Map.of("commit.interval.ms", Integer.toString(setting.commitMs()))
                : Map.of();
        return bench.pacedRun(classpath, setting.guarantee(), extra, rate, 5, warmUp, measured);
    }

    private static double median(List<SparseTrafficLatency.Run> runs, ToDoubleFunction<SparseTrafficLatency.Run> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        return values[values.length / 2];
    }
}
