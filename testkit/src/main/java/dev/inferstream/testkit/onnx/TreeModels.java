/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.floatTensor;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.floats;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.ints;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.of;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.strings;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.uint8Tensor;

import dev.inferstream.testkit.onnx.OnnxGraph.Attribute;
import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree-ensemble models laid out the way the common converters write them: skl2onnx's random forests (per-class
 * leaf weights averaged over the trees, no post-transform) and gradient boosting (one margin per leaf, base value,
 * logistic or softmax), regressors, and the opset-5 {@code TreeEnsemble} operator. All take one float input
 * {@code features [N,F]}.
 *
 * <pre>{@code
 * List<Tree> trees = Tree.random(100, 6, 30, 42, r -> new float[] {(float) r.nextGaussian() * 0.1f});
 * byte[] onnx = TreeModels.gradientBoostingClassifier(30, trees, -0.2f);
 * }</pre>
 */
public final class TreeModels {
    private static final long[] BINARY = {0, 1};

    private TreeModels() {}

    /**
     * A binary random forest as skl2onnx writes it: leaves hold both classes' shares, each divided by the number of
     * trees, and the class scores are their sums (no post-transform). Outputs {@code label [N]} (int64) and
     * {@code probabilities [N,2]}, or with {@code zipMap} {@code output_probability} (a sequence of maps).
     *
     * @param trees trees whose leaves hold two values: the shares of class 0 and class 1
     */
    public static byte[] randomForestClassifier(int features, List<Tree> trees, boolean zipMap) {
        Flat flat = Flat.of(trees, "BRANCH_LEQ");
        List<long[]> ids = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        flat.forEachLeaf((tree, node, leaf) -> {
            for (int c = 0; c < leaf.values().length; c++) {
                ids.add(new long[] {tree, node, c});
                weights.add(leaf.values()[c] / trees.size());
            }
        });
        return ClassifierOutputs.binaryProbabilities(
                classifierGraph("random_forest", features, flat, ids, weights, "NONE", null, BINARY), zipMap);
    }

    /**
     * A binary gradient-boosting classifier as skl2onnx writes it: one margin per leaf, all for class id 0, a base
     * value, and the logistic function. Outputs {@code label [N]} and {@code probabilities [N,2]}.
     *
     * @param trees trees whose leaves hold one value each: the (learning-rate scaled) margin
     */
    public static byte[] gradientBoostingClassifier(int features, List<Tree> trees, float baseValue) {
        Flat flat = Flat.of(trees, "BRANCH_LEQ");
        List<long[]> ids = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        flat.forEachLeaf((tree, node, leaf) -> {
            ids.add(new long[] {tree, node, 0});
            weights.add(leaf.values()[0]);
        });
        return ClassifierOutputs.binaryProbabilities(
                classifierGraph(
                        "gradient_boosting", features, flat, ids, weights, "LOGISTIC", new float[] {baseValue}, BINARY),
                false);
    }

    /**
     * A multi-class gradient-boosting classifier: tree {@code t} adds its leaf value to class {@code t % classes},
     * then a softmax. Outputs {@code label [N]} and {@code probabilities [N,classes]}.
     */
    public static byte[] gradientBoostingMulticlass(int features, int classes, List<Tree> trees, float[] baseValues) {
        Flat flat = Flat.of(trees, "BRANCH_LEQ");
        List<long[]> ids = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        flat.forEachLeaf((tree, node, leaf) -> {
            ids.add(new long[] {tree, node, tree % classes});
            weights.add(leaf.values()[0]);
        });
        long[] labels = new long[classes];
        for (int c = 0; c < classes; c++) {
            labels[c] = c;
        }
        return classifierGraph(
                        "gradient_boosting_multiclass", features, flat, ids, weights, "SOFTMAX", baseValues, labels)
                .output("probabilities", ElementType.FLOAT, -1, classes)
                .build();
    }

    /**
     * A TreeEnsembleRegressor: {@code aggregate} is {@code SUM} (gradient boosting) or {@code AVERAGE} (random
     * forest), plus a base value. Output {@code variable [N,1]}.
     */
    public static byte[] regressor(int features, List<Tree> trees, String aggregate, float baseValue) {
        Flat flat = Flat.of(trees, "BRANCH_LEQ");
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        flat.forEachLeaf((tree, node, leaf) -> {
            treeIds.add((long) tree);
            nodeIds.add((long) node);
            weights.add(leaf.values()[0]);
        });
        List<Attribute> attributes = flat.nodeAttributes();
        attributes.add(ints("target_treeids", longs(treeIds)));
        attributes.add(ints("target_nodeids", longs(nodeIds)));
        attributes.add(ints("target_ids", new long[treeIds.size()]));
        attributes.add(floats("target_weights", toArray(weights)));
        attributes.add(of("n_targets", 1L));
        attributes.add(of("aggregate_function", aggregate));
        attributes.add(floats("base_values", baseValue));
        attributes.add(of("post_transform", "NONE"));
        return OnnxGraph.named("tree_regressor")
                .input("features", ElementType.FLOAT, -1, features)
                .mlNode(
                        "TreeEnsembleRegressor",
                        List.of("features"),
                        List.of("variable"),
                        attributes.toArray(Attribute[]::new))
                .output("variable", ElementType.FLOAT, -1, 1)
                .build();
    }

    /**
     * The opset-5 {@code TreeEnsemble} operator (ai.onnx.ml 5): splits and leaves in separate lists, modes and
     * thresholds as tensors, one target summed over the trees, then {@code postTransform} (0 none, 2 logistic).
     * Output {@code score [N,1]}.
     *
     * @param trees trees whose leaves hold one value each
     */
    public static byte[] treeEnsembleV5(int features, List<Tree> trees, int postTransform) {
        SplitsAndLeaves nodes = new SplitsAndLeaves();
        List<Long> roots = new ArrayList<>();
        for (Tree tree : trees) {
            if (!(tree instanceof Tree.Split)) {
                throw new IllegalArgumentException("opset-5 trees must start with a split");
            }
            roots.add(nodes.add(tree));
        }
        return OnnxGraph.named("tree_ensemble_v5")
                .opset(21, 5)
                .input("features", ElementType.FLOAT, -1, features)
                .mlNode(
                        "TreeEnsemble",
                        List.of("features"),
                        List.of("score"),
                        ints("tree_roots", longs(roots)),
                        ints("nodes_featureids", longs(nodes.featureIds)),
                        floatTensor("nodes_splits", toArray(nodes.splits)),
                        uint8Tensor("nodes_modes", new long[nodes.featureIds.size()]),
                        ints("nodes_truenodeids", longs(nodes.trueIds)),
                        ints("nodes_trueleafs", longs(nodes.trueLeafs)),
                        ints("nodes_falsenodeids", longs(nodes.falseIds)),
                        ints("nodes_falseleafs", longs(nodes.falseLeafs)),
                        ints("leaf_targetids", new long[nodes.leafWeights.size()]),
                        floatTensor("leaf_weights", toArray(nodes.leafWeights)),
                        of("n_targets", 1L),
                        of("aggregate_function", 1L),
                        of("post_transform", (long) postTransform))
                .output("score", ElementType.FLOAT, -1, 1)
                .build();
    }

    private static OnnxGraph classifierGraph(
            String name,
            int features,
            Flat flat,
            List<long[]> ids,
            List<Float> weights,
            String postTransform,
            float[] baseValues,
            long[] labels) {
        List<Attribute> attributes = flat.nodeAttributes();
        attributes.add(ints("class_treeids", ids.stream().mapToLong(i -> i[0]).toArray()));
        attributes.add(ints("class_nodeids", ids.stream().mapToLong(i -> i[1]).toArray()));
        attributes.add(ints("class_ids", ids.stream().mapToLong(i -> i[2]).toArray()));
        attributes.add(floats("class_weights", toArray(weights)));
        attributes.add(ints("classlabels_int64s", labels));
        attributes.add(of("post_transform", postTransform));
        if (baseValues != null) {
            attributes.add(floats("base_values", baseValues));
        }
        return OnnxGraph.named(name)
                .input("features", ElementType.FLOAT, -1, features)
                .mlNode(
                        "TreeEnsembleClassifier",
                        List.of("features"),
                        List.of("label", "probabilities"),
                        attributes.toArray(Attribute[]::new))
                .output("label", ElementType.INT64, -1);
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** The opset-3 node attributes of a list of trees, numbered per tree in pre-order. */
    private static final class Flat {
        final List<Tree> trees;
        final String mode;
        final List<Map<Tree, Integer>> numbering = new ArrayList<>();

        private Flat(List<Tree> trees, String mode) {
            this.trees = trees;
            this.mode = mode;
            for (Tree tree : trees) {
                Map<Tree, Integer> ids = new IdentityHashMap<>();
                for (Tree node : tree.preOrder()) {
                    if (ids.putIfAbsent(node, ids.size()) != null) {
                        throw new IllegalArgumentException("a node object appears twice in a tree; build each once");
                    }
                }
                numbering.add(ids);
            }
        }

        static Flat of(List<Tree> trees, String mode) {
            return new Flat(trees, mode);
        }

        List<Attribute> nodeAttributes() {
            List<Long> treeIds = new ArrayList<>();
            List<Long> nodeIds = new ArrayList<>();
            List<Long> featureIds = new ArrayList<>();
            List<Float> values = new ArrayList<>();
            List<String> modes = new ArrayList<>();
            List<Long> trueIds = new ArrayList<>();
            List<Long> falseIds = new ArrayList<>();
            for (int t = 0; t < trees.size(); t++) {
                Map<Tree, Integer> ids = numbering.get(t);
                for (Tree node : trees.get(t).preOrder()) {
                    treeIds.add((long) t);
                    nodeIds.add((long) ids.get(node));
                    if (node instanceof Tree.Split s) {
                        featureIds.add((long) s.feature());
                        values.add(s.threshold());
                        modes.add(mode);
                        trueIds.add((long) ids.get(s.whenTrue()));
                        falseIds.add((long) ids.get(s.whenFalse()));
                    } else {
                        featureIds.add(0L);
                        values.add(0f);
                        modes.add("LEAF");
                        trueIds.add(0L);
                        falseIds.add(0L);
                    }
                }
            }
            List<Attribute> attributes = new ArrayList<>();
            attributes.add(ints("nodes_treeids", longs(treeIds)));
            attributes.add(ints("nodes_nodeids", longs(nodeIds)));
            attributes.add(ints("nodes_featureids", longs(featureIds)));
            attributes.add(floats("nodes_values", toArray(values)));
            attributes.add(strings("nodes_modes", modes.toArray(String[]::new)));
            attributes.add(ints("nodes_truenodeids", longs(trueIds)));
            attributes.add(ints("nodes_falsenodeids", longs(falseIds)));
            return attributes;
        }

        void forEachLeaf(LeafVisitor visitor) {
            for (int t = 0; t < trees.size(); t++) {
                Map<Tree, Integer> ids = numbering.get(t);
                for (Tree node : trees.get(t).preOrder()) {
                    if (node instanceof Tree.Leaf leaf) {
                        visitor.visit(t, ids.get(node), leaf);
                    }
                }
            }
        }
    }

    /** The opset-5 layout of trees: splits and leaves in separate lists, each split naming its children's kind. */
    private static final class SplitsAndLeaves {
        final List<Long> featureIds = new ArrayList<>();
        final List<Float> splits = new ArrayList<>();
        final List<Long> trueIds = new ArrayList<>();
        final List<Long> trueLeafs = new ArrayList<>();
        final List<Long> falseIds = new ArrayList<>();
        final List<Long> falseLeafs = new ArrayList<>();
        final List<Float> leafWeights = new ArrayList<>();

        /** Appends a split and its subtrees; returns its index among splits, or among leaves when it is a leaf. */
        long add(Tree tree) {
            if (tree instanceof Tree.Leaf leaf) {
                leafWeights.add(leaf.values()[0]);
                return leafWeights.size() - 1;
            }
            Tree.Split split = (Tree.Split) tree;
            int index = featureIds.size();
            featureIds.add((long) split.feature());
            splits.add(split.threshold());
            trueIds.add(0L);
            trueLeafs.add(0L);
            falseIds.add(0L);
            falseLeafs.add(0L);
            trueIds.set(index, add(split.whenTrue()));
            trueLeafs.set(index, split.whenTrue() instanceof Tree.Leaf ? 1L : 0L);
            falseIds.set(index, add(split.whenFalse()));
            falseLeafs.set(index, split.whenFalse() instanceof Tree.Leaf ? 1L : 0L);
            return index;
        }
    }

    /** Receives each leaf with its tree and node id. */
    @FunctionalInterface
    private interface LeafVisitor {
        void visit(int tree, int node, Tree.Leaf leaf);
    }
}
