/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.monitor;

import dev.inferstream.schemas.ArmStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each version of a model served since its current deployment was applied: records scored and failed, and
 * a latency histogram (quarter-octave buckets) for the p99. The automatic canary analysis compares these between
 * the canary and stable. Thread-safe; reset when a model's deployment switches.
 */
public final class ArmTracker {
    private static final int BUCKETS = 112;

    private final Map<String, Map<String, Arm>> models = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, LongAdder>> failures = new ConcurrentHashMap<>();

    /** One prediction of {@code version} under {@code arm}, {@code latencyNanos} after arrival. */
    public void scored(String model, int version, String arm, long latencyNanos) {
        Arm a = arm(model, version, arm);
        a.count.increment();
        a.add(latencyNanos);
    }

    /** Predictions {@code from} (inclusive) to {@code to} of {@code latencyNanos}, all of one version and arm. */
    public void scored(String model, int version, String arm, long[] latencyNanos, int from, int to) {
        Arm a = arm(model, version, arm);
        a.count.add(to - from);
        for (int i = from; i < to; i++) {
            a.add(latencyNanos[i]);
        }
    }

    private Arm arm(String model, int version, String arm) {
        return models.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(version + "|" + arm, k -> new Arm(version, arm));
    }

    /** A record routed to {@code version} that could not be scored. */
    public void failed(String model, int version) {
        failures.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new LongAdder())
                .increment();
    }

    /** Starts counting afresh for {@code model} (its deployment switched). */
    public void reset(String model) {
        models.remove(model);
        failures.remove(model);
    }

    public List<ArmStats> stats(String model) {
        List<ArmStats> out = new ArrayList<>();
        Map<Integer, LongAdder> failed = failures.getOrDefault(model, Map.of());
        for (Arm arm : models.getOrDefault(model, Map.of()).values()) {
            out.add(new ArmStats(arm.version, arm.arm, arm.count.sum(), 0L, arm.p99Micros()));
        }
        // a failed record's arm is not known, only its version: failures get an entry of their own
        failed.forEach((version, f) -> out.add(new ArmStats(version, "", 0L, f.sum(), 0.0)));
        return out;
    }

    private static final class Arm {
        final int version;
        final String arm;
        final LongAdder count = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS];

        Arm(int version, String arm) {
            this.version = version;
            this.arm = arm;
            for (int i = 0; i < BUCKETS; i++) {
                buckets[i] = new LongAdder();
            }
        }

        /** Puts one latency in its bucket; the caller counts the prediction. */
        void add(long nanos) {
            double micros = Math.max(1, nanos / 1_000.0);
            buckets[Math.min(BUCKETS - 1, (int) (4 * Math.log(micros) / Math.log(2)))].increment();
        }

        /** The upper edge of the bucket holding the 99th percentile. */
        double p99Micros() {
            long total = count.sum();
            if (total == 0) {
                return 0;
            }
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += buckets[i].sum();
                if (seen >= Math.ceil(0.99 * total)) {
                    return Math.pow(2, (i + 1) / 4.0);
                }
            }
            return Math.pow(2, BUCKETS / 4.0);
        }
    }
}
