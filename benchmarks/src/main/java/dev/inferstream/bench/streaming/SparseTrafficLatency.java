/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Latency at low and moderate rates (100, 1,000 and 10,000 events/s; at-least-once, batch 64, max wait 5 ms) of two
 * builds of the scorer, each run in its own JVM as users run it: an earlier build (its jar given on the command
 * line) and this one, alternated in one run, three runs each; the medians are printed side by side.
 */
final class SparseTrafficLatency {
    static final int[] RATES = {100, 1_000, 10_000};
    static final int WAIT_MS = 5;
    static final int ROUNDS = 3;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURED = Duration.ofSeconds(15);

    /** The latencies of one run's measured records. */
    record Run(List<Long> scorerMicros, List<Long> endToEndMillis) {
        double scorerMs(double q) {
            return percentile(scorerMicros, q) / 1000.0;
        }

        double endToEndMs(double q) {
            return percentile(endToEndMillis, q);
        }
    }

    /** Runs the scorer of {@code classpath} once at a rate and returns the measured latencies. */
    interface Runner {
        Run run(String classpath, int rate, int waitMs, Duration warmUp, Duration measured) throws Exception;
    }

    private final Runner runner;
    private final PrintStream out;
    private final String before;
    private final String now;

    /**
     * @param before the classpath of the earlier build (its {@code streaming-scorer.jar})
     * @param now the classpath of this build
     */
    SparseTrafficLatency(Runner runner, PrintStream out, String before, String now) {
        this.runner = runner;
        this.out = out;
        this.before = before;
        this.now = now;
    }

    void run() throws Exception {
        String loadBefore = LoadAverage.now();
        runner.run(now, 1_000, WAIT_MS, Duration.ofSeconds(3), Duration.ofSeconds(3));
        runner.run(before, 1_000, WAIT_MS, Duration.ofSeconds(3), Duration.ofSeconds(3));
        out.println();
        out.println("### Latency at low and moderate rates (at-least-once, batch 64, max wait " + WAIT_MS + " ms, lr, "
                + ROUNDS + " alternated runs per build, medians; " + MEASURED.toSeconds() + " s measured after "
                + WARM_UP.toSeconds() + " s of warm-up per run)");
        out.println();
        out.println("| events/s | scorer | scorer p50 ms | scorer p99 ms | end-to-end p50 ms | end-to-end p99 ms "
                + "| scorer p99 of each run |");
        out.println("|---:|---|---:|---:|---:|---:|---|");
        for (int rate : RATES) {
            List<Run> beforeRuns = new ArrayList<>();
            List<Run> nowRuns = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                boolean beforeFirst = round % 2 == 0;
                for (boolean isBefore : beforeFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    Run run = runner.run(isBefore ? before : now, rate, WAIT_MS, WARM_UP, MEASURED);
                    (isBefore ? beforeRuns : nowRuns).add(run);
                }
            }
            row(rate, "before", beforeRuns);
            row(rate, "now", nowRuns);
        }
        out.println();
        out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + LoadAverage.now());
    }

    private void row(int rate, String name, List<Run> runs) {
        List<String> p99s =
                runs.stream().map(r -> String.format("%.1f", r.scorerMs(0.99))).toList();
        out.printf(
                "| %,d | %s | %.1f | %.1f | %.0f | %.0f | %s |%n",
                rate,
                name,
                median(runs, r -> r.scorerMs(0.5)),
                median(runs, r -> r.scorerMs(0.99)),
                median(runs, r -> r.endToEndMs(0.5)),
                median(runs, r -> r.endToEndMs(0.99)),
                String.join(", ", p99s));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    static double percentile(List<Long> values, double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
