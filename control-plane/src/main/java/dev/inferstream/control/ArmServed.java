/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.ScorerStatus;
import java.util.List;

/**
 * What one arm of a version served under a deployment revision, added up over the scorers that applied it: the
 * records it scored, the failures of its version in any arm (a failed record's arm is not known), and its highest
 * p99. What a gated canary is judged on, by the rollout controller and on the console's rollout panel alike.
 */
public record ArmServed(long scored, long failed, double p99Micros) {
    /** Failures over scored and failed records; 0 before any. */
    public double errorRate() {
        return scored + failed == 0 ? 0 : failed / (double) (scored + failed);
    }

    /** {@code arm} of {@code version} in the reports of the scorers at {@code revision}. */
    public static ArmServed of(List<ScorerStatus> statuses, long revision, int version, String arm) {
        long scored = 0;
        long failed = 0;
        double p99 = 0;
        for (ScorerStatus s : statuses) {
            if (s.getDeploymentRevision() != revision) {
                continue;
            }
            for (ArmStats a : s.getArms()) {
                if (a.getVersion() == version) {
                    failed += a.getFailed();
                    if (a.getArm().equals(arm)) {
                        scored += a.getScored();
                        p99 = Math.max(p99, a.getLatencyP99Micros());
                    }
                }
            }
        }
        return new ArmServed(scored, failed, p99);
    }
}
