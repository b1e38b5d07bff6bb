/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Instant;
import java.util.List;

/**
 * What scorers report about a canary of model {@code fraud} (version 4, arm {@code canary}) next to its stable
 * version (3, arm {@code stable}) at revision 7, for tests of whatever judges or shows a canary.
 */
public final class CanaryReports {
    /** When the reports were made. */
    public static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    private CanaryReports() {}

    /** One scorer's status: each arm's scored count and p99, and failures reported apart as scorers do. */
    public static List<ScorerStatus> status(
            long canaryScored,
            long canaryFailed,
            double canaryP99,
            long stableScored,
            long stableFailed,
            double stableP99) {
        return List.of(new ScorerStatus(
                "fraud",
                "s1",
                AT,
                AT,
                7L,
                List.of(),
                List.of(
                        new ArmStats(4, "canary", canaryScored, 0L, canaryP99),
                        new ArmStats(4, "", 0L, canaryFailed, 0.0),
                        new ArmStats(3, "stable", stableScored, 0L, stableP99),
                        new ArmStats(3, "", 0L, stableFailed, 0.0)),
                List.of(),
                "0.1.0"));
    }

    /** Quality of one arm from joined feedback: {@code correct} of {@code classified} predictions right. */
    public static QualityStats judged(int version, String arm, long classified, long correct) {
        QualityStats s = Quality.empty("fraud", version, arm, 0);
        s.setClassified(classified);
        s.setCorrect(correct);
        s.setJoined(classified);
        return s;
    }
}
