/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

/**
 * The Shapley weights of a game worth 1 exactly for the coalitions that hold all {@code a} players of one set and none
 * of the {@code b} players of another: {@code (a−1)! b! / (a+b)!} for each of the first, {@code a! (b−1)! / (a+b)!}
 * for each of the second. Tabulated for short paths, computed beyond.
 */
final class Shares {
    private static final int TABLE = 64;
    private static final double[][] FOR_X = new double[TABLE][TABLE];

    static {
        for (int a = 1; a < TABLE; a++) {
            for (int b = 0; b < TABLE; b++) {
                FOR_X[a][b] = compute(a, b);
            }
        }
    }

    private Shares() {}

    /** {@code (a−1)! b! / (a+b)!}, for a ≥ 1. */
    static double forX(int a, int b) {
        return a < TABLE && b < TABLE ? FOR_X[a][b] : compute(a, b);
    }

    /** {@code a! (b−1)! / (a+b)!}, for b ≥ 1: the same weight with the roles swapped. */
    static double forZ(int a, int b) {
        return forX(b, a);
    }

    /** {@code 1 / (a · C(a+b, b))}, built up as a product to stay finite. */
    private static double compute(int a, int b) {
        double w = 1.0 / a;
        for (int i = 1; i <= b; i++) {
            w *= (double) i / (a + i);
        }
        return w;
    }
}
