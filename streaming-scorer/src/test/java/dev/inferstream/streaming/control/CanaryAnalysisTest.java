/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import static dev.inferstream.control.CanaryReports.judged;
import static dev.inferstream.control.CanaryReports.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.control.CanaryReports;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryAnalysisTest {
    private static final Instant START = CanaryReports.AT;

    @Test
    void waitsForSamplesThenForTheObservationWindowThenPromotes() {
        Deployment d = canary(new CanaryGates(0.01, 2.0, null, 100L, 60_000L));
        assertThat(CanaryAnalysis.judge(d, status(50, 0, 1_000, 500, 0, 1_000), List.of(), START.plusSeconds(120))
                        .action())
                .isEqualTo(CanaryAnalysis.Action.WAIT);
        assertThat(CanaryAnalysis.judge(d, status(150, 0, 1_000, 500, 0, 1_000), List.of(), START.plusSeconds(30))
                        .action())
                .isEqualTo(CanaryAnalysis.Action.WAIT);
        CanaryAnalysis.Verdict v =
                CanaryAnalysis.judge(d, status(150, 0, 1_000, 500, 0, 1_000), List.of(), START.plusSeconds(61));
        assertThat(v.action()).isEqualTo(CanaryAnalysis.Action.PROMOTE);
        assertThat(v.reason()).contains("promoted after 61 s");
    }

    @Test
    void aSlowerCanaryIsRolledBackBeforeTheWindowEnds() {
        Deployment d = canary(new CanaryGates(null, 1.5, null, 100L, 600_000L));
        CanaryAnalysis.Verdict v =
                CanaryAnalysis.judge(d, status(150, 0, 4_000, 500, 0, 1_000), List.of(), START.plusSeconds(5));
        assertThat(v.action()).isEqualTo(CanaryAnalysis.Action.ROLLBACK);
        assertThat(v.reason()).contains("p99 latency 4000 µs is 4.00× stable's 1000 µs");
    }

    @Test
    void aLessAccurateCanaryIsRolledBackOnceEnoughPredictionsAreJudged() {
        Deployment d = canary(new CanaryGates(null, null, 0.02, 100L, 60_000L));
        List<ScorerStatus> served = status(500, 0, 1_000, 500, 0, 1_000);
        assertThat(CanaryAnalysis.judge(
                                d,
                                served,
                                List.of(judged(4, "canary", 50, 40), judged(3, "stable", 500, 450)),
                                START.plusSeconds(120))
                        .action())
                .isEqualTo(CanaryAnalysis.Action.WAIT);
        CanaryAnalysis.Verdict v = CanaryAnalysis.judge(
                d,
                served,
                List.of(judged(4, "canary", 200, 160), judged(3, "stable", 500, 450)),
                START.plusSeconds(120));
        assertThat(v.action()).isEqualTo(CanaryAnalysis.Action.ROLLBACK);
        assertThat(v.reason()).contains("accuracy 80.00 % vs stable 90.00 %");
        assertThat(CanaryAnalysis.judge(
                                d,
                                served,
                                List.of(judged(4, "canary", 200, 179), judged(3, "stable", 500, 450)),
                                START.plusSeconds(120))
                        .action())
                .isEqualTo(CanaryAnalysis.Action.PROMOTE);
    }

    @Test
    void onlyScorersOnTheCurrentRevisionCount() {
        Deployment d = canary(new CanaryGates(0.01, null, null, 100L, 0L));
        List<ScorerStatus> stale = List.of(new ScorerStatus(
                "fraud",
                "old",
                START,
                START,
                6L,
                List.of(),
                List.of(new ArmStats(4, "canary", 1_000L, 0L, 1.0), new ArmStats(4, "", 0L, 900L, 0.0)),
                List.of(),
                "0.1.0"));
        assertThat(CanaryAnalysis.judge(d, stale, List.of(), START.plusSeconds(10))
                        .action())
                .isEqualTo(CanaryAnalysis.Action.WAIT);
    }

    private static Deployment canary(CanaryGates gates) {
        return Deployment.newBuilder()
                .setModel("fraud")
                .setStable(3)
                .setCanary(new Canary(4, 1_000, gates))
                .setRevision(7)
                .setChangedAt(START)
                .build();
    }
}
