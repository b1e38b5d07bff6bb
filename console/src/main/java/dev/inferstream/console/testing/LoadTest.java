/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One load test: records sent at a target rate for a bounded time; per second of sending, how many were answered
 * and their latency percentiles (the round trip of a call, or input topic to prediction topic), so the page can
 * draw them live.
 */
public final class LoadTest {
    /** One second of the test. */
    public record Second(int second, int ok, int failed, double p50Millis, double p99Millis) {}

    private final String id;

    private final String source;
    private final String target;
    private final boolean endToEnd;
    private final String model;
    private final String version;
    private final int rate;
    private final int seconds;
    private final Instant startedAt;
    private final List<List<Double>> latencies = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private volatile String state = "running";
    private long sent;

    LoadTest(
            String id,
            String model,
            String version,
            int rate,
            int seconds,
            String source,
            String target,
            boolean endToEnd,
            Instant startedAt) {
        this.id = id;
        this.source = source;
        this.target = target;
        this.endToEnd = endToEnd;
        this.model = model;
        this.version = version;
        this.rate = rate;
        this.seconds = seconds;
        this.startedAt = startedAt;
        for (int i = 0; i < seconds; i++) {
            latencies.add(new ArrayList<>());
            counts.add(new int[2]);
        }
    }

    synchronized void sent() {
        sent++;
    }

    synchronized void answered(int second, double millis) {
        if (second < seconds) {
            latencies.get(second).add(millis);
            counts.get(second)[0]++;
        }
    }

    synchronized void failed(int second, String error) {
        if (second < seconds) {
            counts.get(second)[1]++;
        }
        if (errors.size() < 5) {
            errors.add(error);
        }
    }

    void finish(String how) {
        state = how;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    /** Where the records come from: {@code the baseline} or {@code <n> rows of <file>}. */
    public String source() {
        return source;
    }

    /** Where the records go, e.g. {@code input topic transactions, scored on fraud-predictions}. */
    public String target() {
        return target;
    }

    /** Whether latencies run from the input topic to the prediction topic (else: a call's round trip). */
    public boolean endToEnd() {
        return endToEnd;
    }

    /** The pinned version, or null for the model's current deployment. */
    public String version() {
        return version;
    }

    public int rate() {
        return rate;
    }

    public int seconds() {
        return seconds;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String state() {
        return state;
    }

    public boolean running() {
        return state.equals("running");
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized long sentCount() {
        return sent;
    }

    /** The seconds that have data so far. */
    public synchronized List<Second> series() {
        List<Second> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            int[] c = counts.get(i);
            if (c[0] + c[1] == 0) {
                continue;
            }
            double[] sorted = latencies.get(i).stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            out.add(new Second(i, c[0], c[1], percentile(sorted, 0.5), percentile(sorted, 0.99)));
        }
        return out;
    }

    /** One line kept with the model: rate reached, failures and latency. */
    public synchronized String summary() {
        long ok = counts.stream().mapToLong(c -> c[0]).sum();
        long failed = counts.stream().mapToLong(c -> c[1]).sum();
        double[] all = latencies.stream()
                .flatMap(List::stream)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        long active = series().size();
        return String.format(
                Locale.ROOT,
                "%s %s at %d/s for %d s from %s to %s: %d answered, %d failed, %.1f/s reached, p50 %.1f ms, p99 %.1f ms"
                        + (endToEnd ? " end to end" : ""),
                model,
                version == null ? "(current deployment)" : "v" + version,
                rate,
                seconds,
                source,
                target,
                ok,
                failed,
                active == 0 ? 0.0 : ok / (double) active,
                percentile(all, 0.5),
                percentile(all, 0.99));
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return id + " " + Arrays.asList(model, version, rate, seconds, state);
    }
}
