/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.control.ArmServed;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gated canary's gates with their current values and what remains before the rollout controller decides,
 * measured as the scorers' canary analysis measures them ({@link ArmServed} under the current revision, accuracy
 * from joined feedback), checked in the same order (samples, error rate, latency, accuracy, observation).
 *
 * @param decision what the controller will do next, or what it waits for
 */
public record CanaryProgress(List<Gate> gates, String decision) {
    /** Empty without a gated canary. */
    public static Optional<CanaryProgress> of(
            Deployment current, List<ScorerStatus> statuses, List<QualityStats> quality, Instant now) {
        if (current == null
                || current.getCanary() == null
                || current.getCanary().getGates() == null) {
            return Optional.empty();
        }
        CanaryGates g = current.getCanary().getGates();
        int canaryVersion = current.getCanary().getVersion();
        ArmServed canary = ArmServed.of(statuses, current.getRevision(), canaryVersion, "canary");
        ArmServed stable = ArmServed.of(statuses, current.getRevision(), current.getStable(), "stable");
        long samples = canary.scored() + canary.failed();
        boolean enough = samples >= g.getMinSamples();
        boolean stableSeen = stable.scored() + stable.failed() > 0;
        List<Gate> gates = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        String rollback = null;

        gates.add(new Gate(
                "samples",
                "≥ " + g.getMinSamples(),
                Long.toString(samples),
                enough ? Boolean.TRUE : null,
                enough ? "" : (g.getMinSamples() - samples) + " more canary records"));
        if (!enough) {
            waits.add((g.getMinSamples() - samples) + " more canary records");
        }
        if (g.getMaxErrorRateIncrease() != null) {
            Double increase = samples == 0 || !stableSeen ? null : canary.errorRate() - stable.errorRate();
            Boolean passing = increase == null ? null : increase <= g.getMaxErrorRateIncrease();
            gates.add(judged("error-rate increase", g.getMaxErrorRateIncrease(), increase, passing, enough));
            if (enough && Boolean.FALSE.equals(passing)) {
                rollback = "the error-rate increase " + RolloutView.fmt(increase) + " exceeds "
                        + RolloutView.fmt(g.getMaxErrorRateIncrease());
            }
        }
        if (g.getMaxLatencyRatio() != null) {
            Double ratio =
                    canary.p99Micros() == 0 || stable.p99Micros() == 0 ? null : canary.p99Micros() / stable.p99Micros();
            Boolean passing = ratio == null ? null : ratio <= g.getMaxLatencyRatio();
            gates.add(judged("p99 latency ratio", g.getMaxLatencyRatio(), ratio, passing, enough));
            if (enough && rollback == null && Boolean.FALSE.equals(passing)) {
                rollback = "the p99 latency ratio " + RolloutView.fmt(ratio) + " exceeds "
                        + RolloutView.fmt(g.getMaxLatencyRatio());
            }
        }
        if (g.getMaxAccuracyDrop() != null) {
            Quality.Summary c = Quality.summarize(arm(quality, canaryVersion, "canary"));
            Quality.Summary s = Quality.summarize(arm(quality, current.getStable(), "stable"));
            long canaryShort = Math.max(0, g.getMinSamples() - c.classified());
            long stableShort = Math.max(0, g.getMinSamples() - s.classified());
            Double drop = c.accuracy() == null || s.accuracy() == null ? null : s.accuracy() - c.accuracy();
            Boolean passing = drop == null ? null : drop <= g.getMaxAccuracyDrop();
            String remaining = canaryShort + stableShort == 0
                    ? ""
                    : "judged " + c.classified() + " canary, " + s.classified() + " stable: " + canaryShort + " and "
                            + stableShort + " more to go";
            gates.add(new Gate(
                    "accuracy drop",
                    "≤ " + RolloutView.fmt(g.getMaxAccuracyDrop()),
                    drop == null ? null : RolloutView.fmt(drop),
                    remaining.isEmpty() ? passing : null,
                    remaining));
            if (!remaining.isEmpty()) {
                waits.add(canaryShort + " canary and " + stableShort + " stable judged predictions");
            } else if (rollback == null && Boolean.FALSE.equals(passing)) {
                rollback = "the accuracy drop " + RolloutView.fmt(drop) + " exceeds "
                        + RolloutView.fmt(g.getMaxAccuracyDrop());
            }
        }
        Duration observed = Duration.between(current.getChangedAt(), now);
        long toGo = Math.max(0, g.getObservationMs() - observed.toMillis()) / 1000;
        gates.add(new Gate(
                "observation",
                g.getObservationMs() / 1000 + " s",
                Math.max(0, observed.toSeconds()) + " s",
                toGo == 0 ? Boolean.TRUE : null,
                toGo == 0 ? "" : toGo + " s to go"));
        if (toGo > 0) {
            waits.add(toGo + " s of observation");
        }
        String decision;
        if (rollback != null) {
            decision = "Rollback due at the controller's next round: " + rollback + ".";
        } else if (!waits.isEmpty()) {
            decision = "No decision yet: waiting for " + String.join(", ", waits) + ".";
        } else {
            decision = "Every gate passed: promotion due at the controller's next round.";
        }
        return Optional.of(new CanaryProgress(gates, decision));
    }

    /** A gate the controller judges once the canary has its samples. */
    private static Gate judged(String name, double limit, Double value, Boolean passing, boolean enough) {
        return new Gate(
                name,
                "≤ " + RolloutView.fmt(limit),
                value == null ? null : RolloutView.fmt(value),
                passing,
                enough ? "" : "judged once the canary has its samples");
    }

    private static List<QualityStats> arm(List<QualityStats> quality, int version, String arm) {
        return quality.stream()
                .filter(q -> q.getVersion() == version && q.getArm().equals(arm))
                .toList();
    }
}
