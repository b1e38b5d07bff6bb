/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import java.util.List;
import java.util.Random;

/**
 * Traffic shares for a multi-armed bandit by Thompson sampling: each arm's share is the probability that a draw
 * from its reward posterior is the best, estimated by sampling, then held above an exploration floor.
 * Binary rewards use Beta(1 + successes, 1 + failures) posteriors; numeric rewards a Normal posterior of the mean.
 */
public final class ThompsonSampling {
    private static final int DRAWS = 4_000;
    private static final int TOTAL = 10_000;

    private ThompsonSampling() {}

    /** What one arm has earned: reward count, sum and sum of squares. */
    public record Evidence(long n, double sum, double sumOfSquares) {}

    /**
     * @param binary rewards are 0/1 (Beta posteriors) rather than numbers (Normal posteriors)
     * @param floor the least share of any arm, in basis points
     * @return shares in basis points, adding up to 10,000, in the order of {@code arms}
     */
    public static int[] shares(List<Evidence> arms, boolean binary, int floor, Random random) {
        int k = arms.size();
        if (floor * k > TOTAL) {
            throw new IllegalArgumentException(
                    "an exploration floor of " + floor + " basis points for " + k + " arms exceeds 100 %");
        }
        long[] wins = new long[k];
        double[] draw = new double[k];
        for (int d = 0; d < DRAWS; d++) {
            int best = 0;
            for (int a = 0; a < k; a++) {
                draw[a] = binary ? beta(arms.get(a), random) : normal(arms.get(a), random);
                if (draw[a] > draw[best]) {
                    best = a;
                }
            }
            wins[best]++;
        }
        int free = TOTAL - floor * k;
        int[] shares = new int[k];
        int given = 0;
        int leader = 0;
        for (int a = 0; a < k; a++) {
            shares[a] = floor + (int) Math.floor(free * (wins[a] / (double) DRAWS));
            given += shares[a];
            if (wins[a] > wins[leader]) {
                leader = a;
            }
        }
        shares[leader] += TOTAL - given;
        return shares;
    }

    private static double beta(Evidence e, Random random) {
        double successes = Math.max(0, Math.min(e.n(), e.sum()));
        double x = gamma(1 + successes, random);
        double y = gamma(1 + e.n() - successes, random);
        return x / (x + y);
    }

    private static double normal(Evidence e, Random random) {
        if (e.n() == 0) {
            return random.nextGaussian() * 1e6;
        }
        double mean = e.sum() / e.n();
        double variance = Math.max(e.sumOfSquares() / e.n() - mean * mean, 1e-12);
        return mean + random.nextGaussian() * Math.sqrt(variance / e.n());
    }

    /** Marsaglia and Tsang's gamma sampler (shape at least 1, scale 1). */
    private static double gamma(double shape, Random random) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
