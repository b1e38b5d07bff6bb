/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble;

/**
 * Interventional TreeSHAP: for each background row {@code z} and tree, the exact Shapley values of the game
 * {@code v(S) = tree(x_S, z_rest)}, averaged over the background. A tree splits the players of a path into those
 * where {@code x} and {@code z} part ways towards {@code x} (A) and towards {@code z} (B); the leaf reached is worth
 * {@code v} exactly for the coalitions holding all of A and none of B, which gives each player of A
 * {@code v·(|A|−1)!|B|!/(|A|+|B|)!} and each of B minus {@code v·|A|!(|B|−1)!/(|A|+|B|)!}. Players are manifest fields:
 * all slots of a one-hot or array field side with the same record. Cost per explanation: trees × background rows ×
 * the leaves where {@code x} and {@code z} disagree, with no model call.
 */
final class TreeShapExplainer extends SlotExplainer {
    private final TreeEnsemble trees;
    private final double[][] nodeValues;
    private final boolean[][] backgroundTrue;
    private final boolean[] leaf;
    private final int[] splitFeature;
    private final int[] whenTrue;
    private final int[] whenFalse;
    private final int[] roots;
    private final String summary;

    TreeShapExplainer(
            TreeEnsemble trees, Players players, int input, Target target, Margin[] margins, double[][] background) {
        super(players, input, target, margins);
        this.trees = trees;
        int nodes = trees.nodes();
        this.leaf = new boolean[nodes];
        this.splitFeature = new int[nodes];
        this.whenTrue = new int[nodes];
        this.whenFalse = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            leaf[node] = trees.isLeaf(node);
            if (!leaf[node]) {
                splitFeature[node] = trees.feature(node);
                whenTrue[node] = trees.whenTrue(node);
                whenFalse[node] = trees.whenFalse(node);
            }
        }
        this.roots = new int[trees.trees()];
        for (int t = 0; t < roots.length; t++) {
            roots[t] = trees.root(t);
        }
        this.backgroundTrue = new boolean[background.length][];
        for (int b = 0; b < background.length; b++) {
            backgroundTrue[b] = directions(background[b]);
        }
        this.nodeValues = new double[margins.length][];
        for (int k = 0; k < margins.length; k++) {
            if (margins[k] == null) {
                continue;
            }
            double[] values = new double[trees.nodes()];
            for (int node = 0; node < values.length; node++) {
                values[node] = trees.isLeaf(node) ? trees.leafValue(node, margins[k].coefficients()) : 0;
            }
            nodeValues[k] = values;
            double sum = 0;
            for (double[] z : background) {
                sum += margins[k].value(trees.sums(z));
            }
            baseValues[k] = sum / background.length;
        }
        this.summary = "interventional TreeSHAP (exact) of the " + Explainers.describe(margins, target) + " over "
                + trees.trees() + " trees against " + background.length + " background rows";
    }

    @Override
    public ExplainMethod method() {
        return ExplainMethod.TREE_SHAP;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    double[] raw(double[] x) {
        return trees.sums(x);
    }

    @Override
    void attribute(double[] x, int k, double[] phi) {
        Walk walk = new Walk(players.count(), directions(x), nodeValues[k], phi);
        for (boolean[] zTrue : backgroundTrue) {
            walk.zTrue = zTrue;
            for (int root : roots) {
                walk.visit(root, 0, 0);
            }
        }
        for (int p = 0; p < phi.length; p++) {
            phi[p] /= backgroundTrue.length;
        }
    }

    /** For every split, whether {@code slots} goes to its true branch. */
    private boolean[] directions(double[] slots) {
        boolean[] toTrue = new boolean[leaf.length];
        for (int node = 0; node < toTrue.length; node++) {
            toTrue[node] = !leaf[node] && trees.goesTrue(node, slots[splitFeature[node]]);
        }
        return toTrue;
    }

    /** One pass over a tree for a foreground row and a background row, with the players assigned so far. */
    private final class Walk {
        private static final byte FREE = 0;
        private static final byte WITH_X = 1;
        private static final byte WITH_Z = 2;

        final boolean[] xTrue;
        final double[] values;
        final double[] phi;
        final byte[] side;
        final int[] withX;
        final int[] withZ;
        boolean[] zTrue;

        Walk(int players, boolean[] xTrue, double[] values, double[] phi) {
            this.xTrue = xTrue;
            this.values = values;
            this.phi = phi;
            this.side = new byte[players];
            this.withX = new int[players];
            this.withZ = new int[players];
        }

        /** @param a players on this path sided with x; @param b players sided with z */
        void visit(int node, int a, int b) {
            if (leaf[node]) {
                double v = values[node];
                if (v == 0 || a + b == 0) {
                    return;
                }
                if (a > 0) {
                    double share = v * Shares.forX(a, b);
                    for (int i = 0; i < a; i++) {
                        phi[withX[i]] += share;
                    }
                }
                if (b > 0) {
                    double share = v * Shares.forZ(a, b);
                    for (int i = 0; i < b; i++) {
                        phi[withZ[i]] -= share;
                    }
                }
                return;
            }
            boolean xGoesTrue = xTrue[node];
            int xChild = xGoesTrue ? whenTrue[node] : whenFalse[node];
            if (xGoesTrue == zTrue[node]) {
                visit(xChild, a, b);
                return;
            }
            int zChild = xGoesTrue ? whenFalse[node] : whenTrue[node];
            int player = slotPlayer[splitFeature[node]];
            switch (side[player]) {
                case WITH_X -> visit(xChild, a, b);
                case WITH_Z -> visit(zChild, a, b);
                default -> {
                    side[player] = WITH_X;
                    withX[a] = player;
                    visit(xChild, a + 1, b);
                    side[player] = WITH_Z;
                    withZ[b] = player;
                    visit(zChild, a, b + 1);
                    side[player] = FREE;
                }
            }
        }
    }
}
