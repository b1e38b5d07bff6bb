/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A decision tree for {@link TreeModels}: a split on one feature, or a leaf with one value per class or target. */
public sealed interface Tree {

    /** Goes to {@code whenTrue} when the feature satisfies the ensemble's branch mode (e.g. {@code x <= threshold}). */
    record Split(int feature, float threshold, Tree whenTrue, Tree whenFalse) implements Tree {}

    /** A leaf's values, one per class or target. */
    record Leaf(float[] values) implements Tree {}

    static Tree split(int feature, float threshold, Tree whenTrue, Tree whenFalse) {
        return new Split(feature, threshold, whenTrue, whenFalse);
    }

    static Tree leaf(float... values) {
        return new Leaf(values.clone());
    }

    /** Nodes in pre-order, the order the builders number them. */
    default List<Tree> preOrder() {
        List<Tree> out = new ArrayList<>();
        List<Tree> stack = new ArrayList<>(List.of(this));
        while (!stack.isEmpty()) {
            Tree t = stack.remove(stack.size() - 1);
            out.add(t);
            if (t instanceof Split s) {
                stack.add(s.whenFalse());
                stack.add(s.whenTrue());
            }
        }
        return out;
    }

    /**
     * Seeded random full trees of the given depth over {@code features} standard-normal features: split features
     * drawn uniformly, thresholds from a standard normal, leaves with {@code values} numbers each.
     *
     * @param leafValues makes one leaf's values from the random source
     */
    static List<Tree> random(int count, int depth, int features, long seed, LeafValues leafValues) {
        if (depth < 1) {
            throw new IllegalArgumentException("trees need at least one split");
        }
        Random random = new Random(seed);
        List<Tree> trees = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            trees.add(grow(random, depth, features, leafValues));
        }
        return trees;
    }

    private static Tree grow(Random random, int depth, int features, LeafValues leafValues) {
        if (depth == 0) {
            return new Leaf(leafValues.next(random));
        }
        int feature = random.nextInt(features);
        float threshold = (float) random.nextGaussian();
        return new Split(
                feature,
                threshold,
                grow(random, depth - 1, features, leafValues),
                grow(random, depth - 1, features, leafValues));
    }

    /** Draws the values of one leaf. */
    @FunctionalInterface
    interface LeafValues {
        float[] next(Random random);
    }
}
