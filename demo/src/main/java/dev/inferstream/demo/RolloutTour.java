/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.ctl.ScorerCtl;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ScorerStatus;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The rollout part of the quickstart: drives the running scorer with scorerctl, exactly as a user or a CI job
 * would — shadow, canary, promote, rollback — and shows what each step did to live traffic.
 */
final class RolloutTour {
    /** Sends {@code count} transactions and returns the predictions made of them, main and (if asked) shadow. */
    interface Traffic {
        Sent send(int count, boolean readShadows);
    }

    /** The predictions of one round of transactions. */
    record Sent(List<Prediction> main, List<Prediction> shadows) {}

    private final PrintStream out;
    private final String[] connection;
    private final ControlPlane control;
    private final Traffic traffic;

    RolloutTour(PrintStream out, String[] connection, ControlPlane control, Traffic traffic) {
        this.out = out;
        this.connection = connection;
        this.control = control;
        this.traffic = traffic;
    }

    void run(String model, int stable, int candidate) throws InterruptedException {
        ctl("deploy", model, Integer.toString(stable), "--reason", "quickstart baseline");

        ctl("shadow", model, Integer.toString(candidate), "--reason", "compare v" + candidate + " on live traffic");
        Sent shadowed = traffic.send(1_000, true);
        out.printf(
                "   main topic: %s%n   shadow topic: %s, same prediction ids as the main topic%n",
                arms(shadowed.main()), arms(shadowed.shadows()));
        awaitReported(model, s -> s.getShadows().stream().anyMatch(a -> a.getCompared() > 0));
        ctl("status", model);

        ctl("unshadow", model);
        ctl("canary", model, Integer.toString(candidate), "--percent", "25");
        List<Prediction> canary = traffic.send(2_000, false).main();
        out.printf("   %s; every card stays in one arm: %s%n", arms(canary), sticky(canary));

        ctl("promote", model);
        out.printf("   %s%n", arms(traffic.send(300, false).main()));

        ctl("rollback", model, "--reason", "quickstart: back to v" + stable);
        out.printf("   %s%n", arms(traffic.send(300, false).main()));

        out.println("   a gated canary: the scorers' rollout controller promotes or rolls it back by itself");
        ctl(
                "canary",
                model,
                Integer.toString(candidate),
                "--percent",
                "50",
                "--max-error-rate-increase",
                "0.01",
                "--max-latency-ratio",
                "3",
                "--min-samples",
                "300",
                "--observe",
                "5s");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            var current = control.current(model).orElseThrow();
            if (current.getChangedBy().startsWith("canary-analysis")) {
                out.printf("   decided by %s: %s%n", current.getChangedBy(), current.getReason());
                break;
            }
            traffic.send(200, false);
        }

        ctl("history", model);
    }

    private void ctl(String... args) throws InterruptedException {
        out.println("   $ scripts/scorerctl " + String.join(" ", args));
        List<String> all = new ArrayList<>(List.of(connection));
        all.addAll(List.of(args));
        PrintWriter writer = new PrintWriter(new IndentingStream(out), true);
        int exit = ScorerCtl.run(all.toArray(String[]::new), writer, writer);
        if (exit != 0) {
            throw new IllegalStateException("scorerctl " + String.join(" ", args) + " failed (exit " + exit + ")");
        }
        String model = args[1];
        if (!args[0].equals("status") && !args[0].equals("history")) {
            long revision = control.current(model).orElseThrow().getRevision();
            awaitReported(model, s -> s.getDeploymentRevision() >= revision);
        }
    }

    /** Waits until the scorer reports (on the status topic) a status that satisfies {@code condition}. */
    private void awaitReported(String model, Predicate<ScorerStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (control.status(model).stream().noneMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scorer did not report the change within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static String arms(List<Prediction> predictions) {
        Map<String, Integer> counts = new TreeMap<>();
        predictions.forEach(p -> counts.merge(p.getArm() + " v" + p.getVersion(), 1, Integer::sum));
        return predictions.size() + " predictions: " + counts;
    }

    private static String sticky(List<Prediction> predictions) {
        Map<String, Set<String>> arms = new HashMap<>();
        predictions.forEach(
                p -> arms.computeIfAbsent(p.getKey(), k -> new HashSet<>()).add(p.getArm()));
        long mixed = arms.values().stream().filter(a -> a.size() > 1).count();
        return mixed == 0 ? "yes (" + arms.size() + " cards)" : "NO, " + mixed + " cards in both arms";
    }

    /** Indents what scorerctl prints, so it reads as command output. */
    private static final class IndentingStream extends Writer {
        private final PrintStream out;
        private boolean lineStart = true;

        IndentingStream(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (lineStart) {
                    out.print("     ");
                    lineStart = false;
                }
                out.print(buf[i]);
                lineStart = buf[i] == '\n';
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
