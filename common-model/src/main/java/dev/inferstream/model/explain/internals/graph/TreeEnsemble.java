/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import java.util.Arrays;

/**
 * A tree ensemble as ONNX Runtime evaluates it: flat nodes (splits and leaves), the weights each leaf adds to each
 * class or target, the aggregation over trees, base values and the post-transform. Read by {@link
 * TreeEnsembleReader} from {@code TreeEnsembleClassifier}, {@code TreeEnsembleRegressor} or the opset-5 {@code
 * TreeEnsemble}; immutable.
 */
public final class TreeEnsemble {
    /** Classifier (class scores, labels) or regressor (targets). */
    public enum Kind {
        CLASSIFIER,
        REGRESSOR
    }

    /** How leaf values combine over the trees. */
    public enum Aggregate {
        SUM,
        AVERAGE,
        MIN,
        MAX
    }

    /** The function applied to the aggregated scores. */
    public enum PostTransform {
        NONE,
        LOGISTIC,
        SOFTMAX,
        SOFTMAX_ZERO,
        PROBIT
    }

    /** A node's test. */
    enum Mode {
        LEQ,
        LT,
        GTE,
        GT,
        EQ,
        NEQ,
        MEMBER,
        LEAF
    }

    final Kind kind;
    final String input;
    final String output;
    final int[] roots;
    final int[] feature;
    final double[] threshold;
    final Mode[] mode;
    final int[] whenTrue;
    final int[] whenFalse;
    final boolean[] missingTrue;
    final double[][] members;
    final int[] weightStart;
    final int[] weightTarget;
    final double[] weightValue;
    final int targets;
    final double[] baseValues;
    final Aggregate aggregate;
    final PostTransform postTransform;

    TreeEnsemble(
            Kind kind,
            String input,
            String output,
            TreeNodes nodes,
            int[] weightStart,
            int[] weightTarget,
            double[] weightValue,
            int targets,
            double[] baseValues,
            Aggregate aggregate,
            PostTransform postTransform) {
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.roots = nodes.roots();
        this.feature = nodes.feature();
        this.threshold = nodes.threshold();
        this.mode = nodes.mode();
        this.whenTrue = nodes.whenTrue();
        this.whenFalse = nodes.whenFalse();
        this.missingTrue = nodes.missingTrue();
        this.members = nodes.members();
        this.weightStart = weightStart;
        this.weightTarget = weightTarget;
        this.weightValue = weightValue;
        this.targets = targets;
        this.baseValues = baseValues;
        this.aggregate = aggregate;
        this.postTransform = postTransform;
    }

    public Kind kind() {
        return kind;
    }

    /** The tensor the ensemble reads its features from. */
    public String input() {
        return input;
    }

    /** The tensor holding the class scores (classifier) or target values (regressor). */
    public String output() {
        return output;
    }

    /** Splits and leaves over all trees. */
    public int nodes() {
        return mode.length;
    }

    public int trees() {
        return roots.length;
    }

    /** Classes of a classifier, targets of a regressor. */
    public int targets() {
        return targets;
    }

    public double[] baseValues() {
        return baseValues.clone();
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    public PostTransform postTransform() {
        return postTransform;
    }

    /** The highest feature index any split reads. */
    public int maxFeature() {
        int max = -1;
        for (int n = 0; n < feature.length; n++) {
            if (mode[n] != Mode.LEAF) {
                max = Math.max(max, feature[n]);
            }
        }
        return max;
    }

    /** The targets (class ids) that some leaf adds a weight to, ascending. */
    public int[] weightedTargets() {
        return Arrays.stream(weightTarget).distinct().sorted().toArray();
    }

    public int root(int tree) {
        return roots[tree];
    }

    public boolean isLeaf(int node) {
        return mode[node] == Mode.LEAF;
    }

    /** The feature (input slot) a split reads. */
    public int feature(int node) {
        return feature[node];
    }

    public int whenTrue(int node) {
        return whenTrue[node];
    }

    public int whenFalse(int node) {
        return whenFalse[node];
    }

    /** Whether a split sends {@code value} to its true branch, as ONNX Runtime decides it (NaN included). */
    public boolean goesTrue(int node, double value) {
        if (Double.isNaN(value) && missingTrue[node]) {
            return true;
        }
        double t = threshold[node];
        return switch (mode[node]) {
            case LEQ -> value <= t;
            case LT -> value < t;
            case GTE -> value >= t;
            case GT -> value > t;
            case EQ -> value == t;
            case NEQ -> value != t;
            case MEMBER -> contains(members[node], value);
            case LEAF -> throw new IllegalStateException("node " + node + " is a leaf");
        };
    }

    /** The leaf {@code x} reaches in {@code tree}. */
    public int leafOf(int tree, double[] x) {
        int node = roots[tree];
        while (mode[node] != Mode.LEAF) {
            node = goesTrue(node, x[feature[node]]) ? whenTrue[node] : whenFalse[node];
        }
        return node;
    }

    /** The value a leaf adds to the score that {@code coefficients} combines, one coefficient per target. */
    public double leafValue(int leaf, double[] coefficients) {
        double v = 0;
        for (int w = weightStart[leaf]; w < weightStart[leaf + 1]; w++) {
            v += coefficients[weightTarget[w]] * weightValue[w];
        }
        return aggregate == Aggregate.AVERAGE ? v / roots.length : v;
    }

    /** Per target, the leaf weights {@code x} collects over all trees (averaged for AVERAGE), without base values. */
    public double[] sums(double[] x) {
        double[] sums = new double[targets];
        for (int t = 0; t < roots.length; t++) {
            int leaf = leafOf(t, x);
            for (int w = weightStart[leaf]; w < weightStart[leaf + 1]; w++) {
                sums[weightTarget[w]] += weightValue[w];
            }
        }
        if (aggregate == Aggregate.AVERAGE) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] /= roots.length;
            }
        }
        return sums;
    }

    private static boolean contains(double[] set, double value) {
        for (double member : set) {
            if (member == value) {
                return true;
            }
        }
        return false;
    }
}
