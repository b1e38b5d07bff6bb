/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A paced load on a {@value ScaleOutBenchmark#PARTITIONS}-partition input while the scorer group changes under
 * exactly-once: two instances for a steady phase, then a third added, then the oldest stopped with SIGTERM, then
 * another killed with SIGKILL. Per change: the end-to-end p99 (consume time − produce timestamp,
 * {@code read_committed}) before, during and after it, and the time until each second's p99 is back under a
 * threshold (twice the steady p99, at least {@value #MIN_THRESHOLD_MS} ms) for {@value #STABLE_SECONDS} seconds in a
 * row. At the end, with every instance stopped, a ledger of all predictions proves nothing was lost or duplicated.
 */
final class RebalanceRun {
    static final int DEFAULT_RATE = 2_000;
    /**
     * Seconds of each phase, longer than the consumer's default session timeout (45 s), after which a member that
     * stopped without leaving the group loses its partitions; the phase after the kill is longer still.
     */
    static final int PHASE = Integer.getInteger("bench.phase.seconds", 60);

    static final int KILL_PHASE = PHASE + 45;
    static final int WARM_UP = 5;
    static final long MIN_THRESHOLD_MS = 100;
    static final int STABLE_SECONDS = 3;

    /** One change of the group, at second {@code at} of the run. */
    private record Change(String what, long at) {}

    private final StreamingBenchmark bench;
    private final PrintStream out;
    private final String classpath;

    RebalanceRun(StreamingBenchmark bench, PrintStream out, String classpath) {
        this.bench = bench;
        this.out = out;
        this.classpath = classpath;
    }

    void run(int rate) throws Exception {
        int partitions = ScaleOutBenchmark.PARTITIONS;
        String input = bench.topic("rebalance-in", partitions);
        String output = bench.topic("rebalance-out", partitions);
        Properties config = bench.properties(
                input, output, "lr", "exactly_once_v2", 64, 5, StreamingBenchmark.DEFAULT_DRIFT_WINDOW);
        // a joining instance takes tasks at once, whatever the length of their changelogs (with the default of
        // 10,000 records it would warm up first and take them at a probing rebalance, 10 minutes later)
        config.setProperty("acceptable.recovery.lag", Long.toString(Long.MAX_VALUE));
        config.putAll(ScaleOutBenchmark.extraSettings());
        // each phase starts when the previous change is done (a JVM may take a while to start): produce for as long
        // as the phases may take, and stop once the last one is over
        int total = rate * (3 * PHASE + KILL_PHASE + 120);
        List<Change> changes = new ArrayList<>();
        String verdict;
        long seconds;
        PredictionLedger ledger;
        try (ScorerGroup group =
                        new ScorerGroup(classpath, config, bench.work().resolve("jvms"), input, bench.bootstrap());
                Admin admin = group.admin()) {
            group.add(2);
            awaitBalanced(group, admin, partitions);
            long origin = System.currentTimeMillis();
            ledger = new PredictionLedger(bench.bootstrap(), output, origin);
            AtomicBoolean done = new AtomicBoolean();
            Thread timeline = new Thread(() -> followAssignment(group, admin, origin, done), "assignment-timeline");
            timeline.setDaemon(true);
            timeline.start();
            Thread producer = new Thread(() -> bench.producePaced(input, total, rate, i -> "e" + i));
            producer.setDaemon(true);
            producer.start();

            Thread.sleep(PHASE * 1000L);
            changes.add(new Change("instance added (2 → 3)", second(origin)));
            List<String> added = group.add(1);
            log(origin, added.get(0) + " ready");
            Thread.sleep(PHASE * 1000L);
            String oldest = group.names().get(0);
            changes.add(new Change("instance stopped, SIGTERM (3 → 2)", second(origin)));
            group.stop(oldest);
            log(origin, oldest + " stopped");
            Thread.sleep(PHASE * 1000L);
            String victim = group.names().get(0);
            changes.add(new Change("instance killed, SIGKILL (2 → 1)", second(origin)));
            group.kill(victim);
            log(origin, victim + " killed");
            Thread.sleep(KILL_PHASE * 1000L);
            producer.interrupt();
            producer.join();
            seconds = second(origin);
            int produced = (int) endOffsets(admin, input, IsolationLevel.READ_UNCOMMITTED);
            log(origin, "load stopped after " + produced + " events");

            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ledger.predictions() < produced && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            done.set(true);
            timeline.join();
            group.close();
            if (!ledger.drain(ends(admin, output, IsolationLevel.READ_COMMITTED), Duration.ofSeconds(60))) {
                out.println("the prediction topic was not read to its end within 60 s");
            }
            verdict = ledger.verdict(produced);
        }
        ledger.close();
        report(ledger, changes, rate, seconds, verdict);
    }

    private void report(PredictionLedger ledger, List<Change> changes, int rate, long seconds, String verdict) {
        double steady = p99(ledger.latencies(WARM_UP, changes.get(0).at()));
        double threshold = Math.max(MIN_THRESHOLD_MS, 2 * steady);
        out.println();
        out.println("### Rebalance under load (" + String.format("%,d", rate) + " events/s paced for " + seconds
                + " s, " + ScaleOutBenchmark.PARTITIONS + " partitions, exactly-once, lr, batch 64, max wait 5 ms, "
                + "acceptable.recovery.lag unbounded; "
                + ScaleOutBenchmark.describeExtra() + "; steady end-to-end p99 " + String.format("%.0f", steady)
                + " ms, recovery threshold " + String.format("%.0f", threshold) + " ms)");
        out.println();
        out.println("| change | at s | p99 before ms | p99 during ms | max during ms | time to recover s "
                + "| p99 after ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            long next = i + 1 < changes.size() ? changes.get(i + 1).at() : seconds;
            long before = Math.max(WARM_UP, c.at() - 20);
            long recovered = recovery(ledger, c.at(), next, threshold);
            long duringEnd = Math.max(recovered < 0 ? next : recovered, c.at() + 1);
            List<Long> during = ledger.latencies(c.at(), duringEnd);
            out.printf(
                    "| %s | %d | %.0f | %.0f | %.0f | %s | %s |%n",
                    c.what(),
                    c.at(),
                    p99(ledger.latencies(before, c.at())),
                    p99(during),
                    SparseTrafficLatency.percentile(during, 1.0),
                    recovered < 0 ? "not within " + (next - c.at()) : Long.toString(recovered - c.at()),
                    recovered < 0 ? "–" : String.format("%.0f", p99(ledger.latencies(duringEnd, next))));
        }
        out.println();
        out.println("Ledger (read_committed, after every instance stopped): " + verdict);
    }

    /** The first second from which {@value #STABLE_SECONDS} seconds in a row have a p99 under the threshold. */
    private static long recovery(PredictionLedger ledger, long from, long to, double threshold) {
        for (long s = from; s + STABLE_SECONDS <= to; s++) {
            boolean stable = true;
            for (long t = s; t < s + STABLE_SECONDS && stable; t++) {
                List<Long> second = ledger.latencies(t, t + 1);
                stable = !second.isEmpty() && p99(second) <= threshold;
            }
            if (stable) {
                return s;
            }
        }
        return -1;
    }

    /** The sum of the topic's end offsets: its record count when nothing was deleted (no transaction markers). */
    private static long endOffsets(Admin admin, String topic, IsolationLevel isolation) throws Exception {
        return ends(admin, topic, isolation).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic, IsolationLevel isolation)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < ScaleOutBenchmark.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation))
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static void awaitBalanced(ScorerGroup group, Admin admin, int partitions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!group.balanced(group.assignment(admin), partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the scorers never shared the input: " + group.assignment(admin) + "\n" + group.logs());
            }
            Thread.sleep(100);
        }
    }

    /** Prints each change of who owns which input partitions, with its second of the run. */
    private void followAssignment(ScorerGroup group, Admin admin, long origin, AtomicBoolean done) {
        Map<String, Integer> last = null;
        while (!done.get()) {
            try {
                Map<String, Integer> now = group.assignment(admin);
                if (!now.equals(last)) {
                    log(origin, "input partitions per instance: " + now);
                    last = now;
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log(origin, "could not describe the group: " + e);
            }
        }
    }

    private void log(long origin, String message) {
        out.printf("  %6.1f s: %s%n", (System.currentTimeMillis() - origin) / 1000.0, message);
    }

    private static long second(long origin) {
        return (System.currentTimeMillis() - origin) / 1000;
    }

    private static double p99(List<Long> latencies) {
        return SparseTrafficLatency.percentile(latencies, 0.99);
    }
}
