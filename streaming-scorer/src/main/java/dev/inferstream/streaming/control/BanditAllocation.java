/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.model.quality.ThompsonSampling;
import dev.inferstream.model.routing.BanditPolicy;
import dev.inferstream.schemas.Bandit;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.RewardKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The next traffic shares of a bandit's arms, by Thompson sampling over the rewards joined to their predictions. */
final class BanditAllocation {
    private BanditAllocation() {}

    /** Shares that move less than this (basis points) are not worth a new deployment. */
    private static final int MIN_MOVE = 50;

    record Next(List<BanditArm> arms, String reason) {}

    /** Whether any arm's share moves by at least half a percent. */
    static boolean moved(List<BanditArm> before, List<BanditArm> after) {
        for (int i = 0; i < before.size(); i++) {
            if (Math.abs(before.get(i).getBasisPoints() - after.get(i).getBasisPoints()) >= MIN_MOVE) {
                return true;
            }
        }
        return false;
    }

    static Next next(Bandit bandit, List<QualityStats> quality, Random random) {
        List<ThompsonSampling.Evidence> evidence = new ArrayList<>();
        for (BanditArm arm : bandit.getArms()) {
            long n = 0;
            double sum = 0;
            double squares = 0;
            for (QualityStats q : quality) {
                if (q.getVersion() == arm.getVersion() && q.getArm().equals(BanditPolicy.arm(arm.getName()))) {
                    n += q.getRewards();
                    sum += q.getRewardSum();
                    squares += q.getRewardSquaredSum();
                }
            }
            evidence.add(new ThompsonSampling.Evidence(n, sum, squares));
        }
        int[] shares = ThompsonSampling.shares(
                evidence, bandit.getReward() == RewardKind.BINARY, bandit.getMinBasisPoints(), random);
        List<BanditArm> arms = new ArrayList<>();
        StringBuilder reason = new StringBuilder("bandit " + bandit.getId() + ": Thompson sampling");
        for (int i = 0; i < shares.length; i++) {
            BanditArm arm = bandit.getArms().get(i);
            arms.add(new BanditArm(arm.getName(), arm.getVersion(), shares[i]));
            ThompsonSampling.Evidence e = evidence.get(i);
            reason.append(String.format(
                    Locale.ROOT,
                    "%s %s %.2f %% (%d rewards, mean %s)",
                    i == 0 ? ":" : ",",
                    arm.getName(),
                    shares[i] / 100.0,
                    e.n(),
                    e.n() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", e.sum() / e.n())));
        }
        return new Next(arms, reason.toString());
    }
}
