/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

/** Population stability index between a reference and an observed distribution over the same bins. */
final class Psi {
    /** Shares below this are treated as this, so an empty bin does not make the index infinite. */
    static final double FLOOR = 1e-4;

    private Psi() {}

    /** PSI = Σ (observed − expected) · ln(observed / expected), over shares of the same bins. */
    static double of(double[] expected, double[] observed) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], FLOOR);
            double o = Math.max(observed[i], FLOOR);
            psi += (o - e) * Math.log(o / e);
        }
        return psi;
    }

    /** {@code counts} as shares of their total (all zero when the total is zero). */
    static double[] shares(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            shares[i] = counts[i] / (double) total;
        }
        return shares;
    }
}
