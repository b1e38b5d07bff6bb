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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;

/**
 * Scale-out of the streaming scorer: 1, 2 and 3 instances (same {@code application.id}, each {@code ScorerMain} in
 * its own JVM, exactly-once, lr, batch 64, max wait 5 ms) reading one backlog on a {@value #PARTITIONS}-partition
 * topic, alternated in rotating order, medians of {@link #ROUNDS} runs; then a {@link RebalanceRun}. A run is
 * measured from the later of the first fifth of the outputs and the moment every instance owns input partitions
 * (instances start at once, but the first one ready takes every partition until the others join), to the last
 * output: events/s, and CPU time of all instances per event.
 */
final class ScaleOutBenchmark {
    static final int PARTITIONS = 6;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final List<Integer> INSTANCES = List.of(1, 2, 3);

    /** One measured run; {@code startShare} = share of the backlog already scored when the measure began. */
    record Measure(double eventsPerSecond, double cpuMicrosPerEvent, double startShare, boolean balanced) {}

    private record Mark(long nanos, long cpuNanos, int seen) {}

    /**
     * Scorer settings added to every instance of both runs, from {@code -Dbench.scorer.props=k=v,k=v} (e.g.
     * {@code acceptable.recovery.lag=1000000000,consumer.session.timeout.ms=10000}); none by default.
     */
    static Map<String, String> extraSettings() {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String pair : System.getProperty("bench.scorer.props", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                extra.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
            }
        }
        return extra;
    }

    /** The extra settings as printed under each table. */
    static String describeExtra() {
        Map<String, String> extra = extraSettings();
        return extra.isEmpty() ? "Kafka Streams defaults otherwise" : "plus " + extra;
    }

    private final StreamingBenchmark bench;
    private final PrintStream out;
    private final String classpath;

    ScaleOutBenchmark(StreamingBenchmark bench, PrintStream out, String classpath) {
        this.bench = bench;
        this.out = out;
        this.classpath = classpath;
    }

    /** @param events the backlog (0: only the rebalance run) */
    void run(int events, int rate) throws Exception {
        String loadBefore = LoadAverage.now();
        if (events > 0) {
            throughput(events);
        }
        new RebalanceRun(bench, out, classpath).run(rate);
        out.println();
        out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + LoadAverage.now());
    }

    private void throughput(int events) throws Exception {
        String backlog = bench.topic("scale-backlog", PARTITIONS);
        bench.produce(backlog, events, 0, i -> "e" + i);
        Map<Integer, List<Measure>> runs = new LinkedHashMap<>();
        INSTANCES.forEach(n -> runs.put(n, new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            List<Integer> order = new ArrayList<>(INSTANCES);
            Collections.rotate(order, -round);
            for (int instances : order) {
                Measure m = measure(instances, backlog, events);
                out.printf(
                        "  %d instance(s): %,.0f events/s, %.1f µs CPU/event, measured from %.0f %%%s%n",
                        instances,
                        m.eventsPerSecond(),
                        m.cpuMicrosPerEvent(),
                        100 * m.startShare(),
                        m.balanced() ? "" : " (never balanced)");
                runs.get(instances).add(m);
            }
        }
        out.println();
        out.println("### Scale-out (" + String.format("%,d", events) + "-event backlog, " + PARTITIONS
                + " partitions, exactly-once, lr, batch 64, max wait 5 ms, 1 stream thread per instance, each "
                + "instance in its own JVM, acceptable.recovery.lag unbounded; medians of " + ROUNDS
                + " alternated runs; "
                + describeExtra() + ")");
        out.println();
        out.println("| instances | events/s | vs 1 instance | CPU µs/event (all instances) | measured from "
                + "| events/s of each run |");
        out.println("|---:|---:|---:|---:|---:|---|");
        double one = median(runs.get(1), Measure::eventsPerSecond);
        runs.forEach((instances, measured) -> {
            double rate = median(measured, Measure::eventsPerSecond);
            out.printf(
                    "| %d | %,.0f | %.2f | %.1f | %.0f %% | %s |%n",
                    instances,
                    rate,
                    rate / one,
                    median(measured, Measure::cpuMicrosPerEvent),
                    100 * median(measured, Measure::startShare),
                    each(measured, m -> String.format("%,.0f", m.eventsPerSecond()) + (m.balanced() ? "" : "*")));
        });
        if (runs.values().stream().flatMap(List::stream).anyMatch(m -> !m.balanced())) {
            out.println();
            out.println("(* never balanced before the backlog ran out: measured from the first fifth; use a larger "
                    + "backlog)");
        }
    }

    private Measure measure(int instances, String backlog, int events) throws Exception {
        String output = bench.topic("scale-out", PARTITIONS);
        Properties config = bench.properties(
                backlog, output, "lr", "exactly_once_v2", 64, 5, StreamingBenchmark.DEFAULT_DRIFT_WINDOW);
        // instances start seconds apart, and the first one ready scores alone until the others join: let a joining
        // instance take its share at once rather than after warm-up (the start-up skew is not what is measured)
        config.setProperty("acceptable.recovery.lag", Long.toString(Long.MAX_VALUE));
        config.putAll(extraSettings());
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<Mark> fifth = new AtomicReference<>();
        AtomicReference<Mark> last = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try (ScorerGroup group =
                        new ScorerGroup(classpath, config, bench.work().resolve("jvms"), backlog, bench.bootstrap());
                Admin admin = group.admin()) {
            Thread consumer = new Thread(() -> {
                try {
                    bench.consume(output, events, Duration.ofMinutes(5), r -> {
                        int n = seen.incrementAndGet();
                        if (n == events / 5 || n == events) {
                            (n == events ? last : fifth).set(new Mark(System.nanoTime(), group.cpuNanos(), n));
                        }
                    });
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            consumer.setDaemon(true);
            consumer.start();
            group.add(instances);
            Mark balanced = null;
            while (balanced == null && consumer.isAlive()) {
                if (group.balanced(group.assignment(admin), PARTITIONS)) {
                    balanced = new Mark(System.nanoTime(), group.cpuNanos(), seen.get());
                } else {
                    Thread.sleep(100);
                }
            }
            consumer.join();
            if (failure.get() != null) {
                throw new IllegalStateException(
                        instances + " instance(s): " + failure.get().getMessage() + "\n" + group.logs(), failure.get());
            }
            boolean inTime = balanced != null && balanced.seen() < events;
            Mark from = inTime && balanced.nanos() > fifth.get().nanos() ? balanced : fifth.get();
            Mark to = last.get();
            int measured = to.seen() - from.seen();
            return new Measure(
                    measured * 1e9 / (to.nanos() - from.nanos()),
                    (to.cpuNanos() - from.cpuNanos()) / 1000.0 / measured,
                    from.seen() / (double) events,
                    inTime);
        }
    }

    private static double median(List<Measure> runs, ToDoubleFunction<Measure> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String each(List<Measure> runs, Function<Measure, String> figure) {
        return String.join(" / ", runs.stream().map(figure).toList());
    }
}
