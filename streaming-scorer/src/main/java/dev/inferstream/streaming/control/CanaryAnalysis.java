/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.control.ArmServed;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Judges a gated canary against stable from what the scorers report (records, failures and p99 latency per arm
 * under the current revision) and from quality of joined feedback: a failed gate rolls it back at once; a canary
 * that passed every gate through the observation window, with enough samples, is promoted.
 */
final class CanaryAnalysis {
    private CanaryAnalysis() {}

    /** What to do with the canary now. */
    enum Action {
        WAIT,
        PROMOTE,
        ROLLBACK
    }

    record Verdict(Action action, String reason) {}

    static Verdict judge(Deployment d, List<ScorerStatus> statuses, List<QualityStats> quality, Instant now) {
        CanaryGates gates = d.getCanary().getGates();
        int canaryVersion = d.getCanary().getVersion();
        ArmServed canary = ArmServed.of(statuses, d.getRevision(), canaryVersion, "canary");
        ArmServed stable = ArmServed.of(statuses, d.getRevision(), d.getStable(), "stable");
        String measured = String.format(
                Locale.ROOT,
                "canary v%d %d records, %.2f %% failed, p99 %.0f µs; stable v%d "
                        + "%d records, %.2f %% failed, p99 %.0f µs",
                canaryVersion,
                canary.scored(),
                100 * canary.errorRate(),
                canary.p99Micros(),
                d.getStable(),
                stable.scored(),
                100 * stable.errorRate(),
                stable.p99Micros());
        if (canary.scored() + canary.failed() < gates.getMinSamples()) {
            return new Verdict(Action.WAIT, "waiting for " + gates.getMinSamples() + " canary records; " + measured);
        }
        if (gates.getMaxErrorRateIncrease() != null
                && canary.errorRate() - stable.errorRate() > gates.getMaxErrorRateIncrease()) {
            return rollback(
                    "error rate %.2f %% vs stable %.2f %% exceeds the allowed increase of %.2f %% (%s)",
                    100 * canary.errorRate(),
                    100 * stable.errorRate(),
                    100 * gates.getMaxErrorRateIncrease(),
                    measured);
        }
        if (gates.getMaxLatencyRatio() != null
                && stable.p99Micros() > 0
                && canary.p99Micros() / stable.p99Micros() > gates.getMaxLatencyRatio()) {
            return rollback(
                    "p99 latency %.0f µs is %.2f× stable's %.0f µs, above the allowed %.2f× (%s)",
                    canary.p99Micros(),
                    canary.p99Micros() / stable.p99Micros(),
                    stable.p99Micros(),
                    gates.getMaxLatencyRatio(),
                    measured);
        }
        String accuracy = "";
        if (gates.getMaxAccuracyDrop() != null) {
            Quality.Summary c = Quality.summarize(quality.stream()
                    .filter(q -> q.getVersion() == canaryVersion && q.getArm().equals("canary"))
                    .toList());
            Quality.Summary s = Quality.summarize(quality.stream()
                    .filter(q -> q.getVersion() == d.getStable() && q.getArm().equals("stable"))
                    .toList());
            if (c.classified() < gates.getMinSamples() || s.classified() < gates.getMinSamples()) {
                return new Verdict(
                        Action.WAIT,
                        "waiting for " + gates.getMinSamples() + " judged predictions per arm " + "(canary "
                                + c.classified() + ", stable " + s.classified() + "); " + measured);
            }
            if (s.accuracy() - c.accuracy() > gates.getMaxAccuracyDrop()) {
                return rollback(
                        "accuracy %.2f %% vs stable %.2f %% drops more than the allowed %.2f %% (%d and %d judged)",
                        100 * c.accuracy(),
                        100 * s.accuracy(),
                        100 * gates.getMaxAccuracyDrop(),
                        c.classified(),
                        s.classified());
            }
            accuracy = String.format(
                    Locale.ROOT, "; accuracy %.2f %% vs stable %.2f %%", 100 * c.accuracy(), 100 * s.accuracy());
        }
        Duration running = Duration.between(d.getChangedAt(), now);
        if (running.toMillis() < gates.getObservationMs()) {
            return new Verdict(
                    Action.WAIT,
                    "observing for " + Duration.ofMillis(gates.getObservationMs()) + "; " + measured + accuracy);
        }
        return new Verdict(
                Action.PROMOTE,
                "canary analysis: promoted after " + running.toSeconds() + " s, every gate " + "passed (" + measured
                        + accuracy + ")");
    }

    /** A rollback whose reason is {@code format} with {@code args}, after "canary analysis: ". */
    private static Verdict rollback(String format, Object... args) {
        return new Verdict(Action.ROLLBACK, "canary analysis: " + String.format(Locale.ROOT, format, args));
    }
}
