/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static dev.inferstream.control.CanaryReports.judged;
import static dev.inferstream.control.CanaryReports.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.inferstream.control.CanaryReports;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryProgressTest {
    private static final Instant START = CanaryReports.AT;

    @Test
    void aCanaryShortOfSamplesSaysHowManyMoreAndForHowLongItIsObserved() {
        CanaryProgress p = CanaryProgress.of(
                        canary(new CanaryGates(0.01, 2.0, null, 100L, 60_000L)),
                        status(40, 2, 1_000, 500, 0, 1_000),
                        List.of(),
                        START.plusSeconds(20))
                .orElseThrow();
        assertThat(p.gates())
                .extracting(Gate::name, Gate::value, Gate::passing, Gate::remaining)
                .containsExactly(
                        tuple("samples", "42", null, "58 more canary records"),
                        tuple("error-rate increase", "0.04762", false, "judged once the canary has its samples"),
                        tuple("p99 latency ratio", "1", true, "judged once the canary has its samples"),
                        tuple("observation", "20 s", null, "40 s to go"));
        assertThat(p.decision()).isEqualTo("No decision yet: waiting for 58 more canary records, 40 s of observation.");
    }

    @Test
    void aGateFailingWithEnoughSamplesIsARollbackDue() {
        CanaryProgress p = CanaryProgress.of(
                        canary(new CanaryGates(null, 1.5, null, 100L, 600_000L)),
                        status(150, 0, 4_000, 500, 0, 1_000),
                        List.of(),
                        START.plusSeconds(5))
                .orElseThrow();
        assertThat(p.decision())
                .isEqualTo("Rollback due at the controller's next round: the p99 latency ratio 4 exceeds 1.5.");
    }

    @Test
    void theAccuracyGateWaitsForJudgedPredictionsOnBothArmsThenShowsTheDrop() {
        Deployment d = canary(new CanaryGates(null, null, 0.02, 100L, 60_000L));
        List<ScorerStatus> served = status(500, 0, 1_000, 500, 0, 1_000);
        Gate waiting = CanaryProgress.of(
                        d, served, List.of(judged(4, "canary", 50, 40), judged(3, "stable", 500, 450)), START)
                .orElseThrow()
                .gates()
                .get(1);
        assertThat(waiting.remaining()).isEqualTo("judged 50 canary, 500 stable: 50 and 0 more to go");
        assertThat(waiting.passing()).isNull();

        CanaryProgress done = CanaryProgress.of(
                        d,
                        served,
                        List.of(judged(4, "canary", 200, 179), judged(3, "stable", 500, 450)),
                        START.plusSeconds(61))
                .orElseThrow();
        assertThat(done.gates().get(1)).isEqualTo(new Gate("accuracy drop", "≤ 0.02", "0.005", true, ""));
        assertThat(done.decision()).isEqualTo("Every gate passed: promotion due at the controller's next round.");
    }

    @Test
    void withoutAGatedCanaryThereIsNothingToShow() {
        Deployment ungated = canary(null);
        assertThat(CanaryProgress.of(ungated, List.of(), List.of(), START)).isEmpty();
        assertThat(CanaryProgress.of(null, List.of(), List.of(), START)).isEmpty();
    }

    private static Deployment canary(CanaryGates gates) {
        return Deployment.newBuilder()
                .setModel("fraud")
                .setStable(3)
                .setCanary(new Canary(4, 1_000, gates))
                .setRevision(7)
                .setChangedBy("t")
                .setChangedAt(START)
                .setReason("")
                .build();
    }
}
