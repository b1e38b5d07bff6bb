/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import dev.inferstream.model.explain.internals.graph.TreeEnsemble.Aggregate;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble.Kind;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble.Mode;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble.PostTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ai.onnx.ml tree-ensemble operators into a {@link TreeEnsemble}: {@code TreeEnsembleClassifier} and
 * {@code TreeEnsembleRegressor} (opsets 1–3, nodes keyed by tree and node id) and {@code TreeEnsemble} (opset 5,
 * splits and leaves in separate lists). Node hit rates are not used.
 */
public final class TreeEnsembleReader {
    private static final String ML = "ai.onnx.ml";

    private TreeEnsembleReader() {}

    /** Whether {@code node} is one of the tree-ensemble operators. */
    public static boolean isTreeEnsemble(GraphNode node) {
        return node.domain().equals(ML)
                && (node.opType().equals("TreeEnsembleClassifier")
                        || node.opType().equals("TreeEnsembleRegressor")
                        || node.opType().equals("TreeEnsemble"));
    }

    public static TreeEnsemble read(GraphNode node) throws GraphException {
        return node.opType().equals("TreeEnsemble") ? readV5(node) : readV3(node);
    }

    private static TreeEnsemble readV3(GraphNode node) throws GraphException {
        boolean classifier = node.opType().equals("TreeEnsembleClassifier");
        long[] treeIds = node.ints("nodes_treeids");
        long[] nodeIds = node.ints("nodes_nodeids");
        long[] featureIds = node.ints("nodes_featureids");
        double[] values = node.floatsOrTensor("nodes_values");
        List<String> modes = node.strings("nodes_modes");
        long[] trueIds = node.ints("nodes_truenodeids");
        long[] falseIds = node.ints("nodes_falsenodeids");
        long[] missing = node.ints("nodes_missing_value_tracks_true");
        int n = treeIds.length;
        if (n == 0
                || nodeIds.length != n
                || featureIds.length != n
                || values.length != n
                || modes.size() != n
                || trueIds.length != n
                || falseIds.length != n
                || (missing.length != 0 && missing.length != n)) {
            throw new GraphException(node.label() + ": the nodes_* attributes are missing or of different lengths");
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (index.put(key(treeIds[i], nodeIds[i]), i) != null) {
                throw new GraphException(
                        node.label() + ": tree " + treeIds[i] + " lists node " + nodeIds[i] + " twice");
            }
        }
        Mode[] mode = new Mode[n];
        int[] whenTrue = new int[n];
        int[] whenFalse = new int[n];
        int[] feature = new int[n];
        boolean[] missingTrue = new boolean[n];
        Set<Integer> children = new HashSet<>();
        for (int i = 0; i < n; i++) {
            mode[i] = mode(modes.get(i), node);
            feature[i] = (int) featureIds[i];
            missingTrue[i] = missing.length > 0 && missing[i] != 0;
            if (mode[i] != Mode.LEAF) {
                whenTrue[i] = child(index, treeIds[i], trueIds[i], node);
                whenFalse[i] = child(index, treeIds[i], falseIds[i], node);
                children.add(whenTrue[i]);
                children.add(whenFalse[i]);
            }
        }
        Map<Long, Integer> rootByTree = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!children.contains(i) && rootByTree.put(treeIds[i], i) != null) {
                throw new GraphException(node.label() + ": tree " + treeIds[i] + " has more than one root");
            }
        }
        String prefix = classifier ? "class_" : "target_";
        long[] wTrees = node.ints(prefix + "treeids");
        long[] wNodes = node.ints(prefix + "nodeids");
        long[] wIds = node.ints(prefix + "ids");
        double[] wValues = node.floatsOrTensor(prefix + "weights");
        if (wTrees.length != wNodes.length || wIds.length != wTrees.length || wValues.length != wTrees.length) {
            throw new GraphException(node.label() + ": the " + prefix + "* attributes are of different lengths");
        }
        List<List<double[]>> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            weights.add(new ArrayList<>(1));
        }
        for (int w = 0; w < wTrees.length; w++) {
            Integer leaf = index.get(key(wTrees[w], wNodes[w]));
            if (leaf == null || mode[leaf] != Mode.LEAF) {
                throw new GraphException(node.label() + ": a weight names tree " + wTrees[w] + " node " + wNodes[w]
                        + ", which is not a leaf");
            }
            weights.get(leaf).add(new double[] {wIds[w], wValues[w]});
        }
        int targets = classifier
                ? Math.max(
                        node.ints("classlabels_int64s").length,
                        node.strings("classlabels_strings").size())
                : (int) node.integer("n_targets", 1);
        for (double[] w : weights.stream().flatMap(List::stream).toList()) {
            if (w[0] < 0 || w[0] >= targets) {
                throw new GraphException(
                        node.label() + ": a leaf weight is for target " + (long) w[0] + " of " + targets);
            }
        }
        Aggregate aggregate = classifier
                ? Aggregate.SUM
                : named(Aggregate.class, node.string("aggregate_function", "SUM"), node, "aggregate_function");
        int[] roots = rootByTree.values().stream().mapToInt(Integer::intValue).toArray();
        return build(
                classifier ? Kind.CLASSIFIER : Kind.REGRESSOR,
                node,
                new TreeNodes(roots, feature, values, mode, whenTrue, whenFalse, missingTrue, new double[n][]),
                weights,
                targets,
                node.floatsOrTensor("base_values"),
                aggregate,
                named(PostTransform.class, node.string("post_transform", "NONE"), node, "post_transform"));
    }

    private static TreeEnsemble readV5(GraphNode node) throws GraphException {
        long[] roots = node.ints("tree_roots");
        long[] featureIds = node.ints("nodes_featureids");
        double[] splits = node.tensor("nodes_splits");
        double[] modes = node.tensor("nodes_modes");
        long[] trueIds = node.ints("nodes_truenodeids");
        long[] trueLeafs = node.ints("nodes_trueleafs");
        long[] falseIds = node.ints("nodes_falsenodeids");
        long[] falseLeafs = node.ints("nodes_falseleafs");
        long[] missing = node.ints("nodes_missing_value_tracks_true");
        long[] leafTargets = node.ints("leaf_targetids");
        double[] leafWeights = node.tensor("leaf_weights");
        double[] membership = node.tensor("membership_values");
        int s = featureIds.length;
        int l = leafTargets.length;
        if (s == 0
                || splits.length != s
                || modes.length != s
                || trueIds.length != s
                || trueLeafs.length != s
                || falseIds.length != s
                || falseLeafs.length != s
                || (missing.length != 0 && missing.length != s)
                || leafWeights.length != l) {
            throw new GraphException(node.label() + ": the nodes_* or leaf_* attributes are of different lengths");
        }
        int n = s + l;
        Mode[] mode = new Mode[n];
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] whenTrue = new int[n];
        int[] whenFalse = new int[n];
        boolean[] missingTrue = new boolean[n];
        double[][] members = new double[n][];
        int memberCursor = 0;
        Mode[] byCode = {Mode.LEQ, Mode.LT, Mode.GTE, Mode.GT, Mode.EQ, Mode.NEQ, Mode.MEMBER};
        for (int i = 0; i < s; i++) {
            int code = (int) modes[i];
            if (code < 0 || code >= byCode.length) {
                throw new GraphException(node.label() + ": node " + i + " has unknown mode " + code);
            }
            mode[i] = byCode[code];
            feature[i] = (int) featureIds[i];
            threshold[i] = splits[i];
            missingTrue[i] = missing.length > 0 && missing[i] != 0;
            whenTrue[i] = target(trueIds[i], trueLeafs[i] != 0, s, l, node);
            whenFalse[i] = target(falseIds[i], falseLeafs[i] != 0, s, l, node);
            if (mode[i] == Mode.MEMBER) {
                int end = memberCursor;
                while (end < membership.length && !Double.isNaN(membership[end])) {
                    end++;
                }
                members[i] = Arrays.copyOfRange(membership, memberCursor, end);
                memberCursor = end + 1;
            }
        }
        List<List<double[]>> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            weights.add(new ArrayList<>(1));
        }
        int targets = (int) node.integer("n_targets", 1);
        for (int i = 0; i < l; i++) {
            mode[s + i] = Mode.LEAF;
            if (leafTargets[i] < 0 || leafTargets[i] >= targets) {
                throw new GraphException(
                        node.label() + ": leaf " + i + " is for target " + leafTargets[i] + " of " + targets);
            }
            weights.get(s + i).add(new double[] {leafTargets[i], leafWeights[i]});
        }
        int[] rootIndex = new int[roots.length];
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || roots[t] >= s) {
                throw new GraphException(node.label() + ": tree_roots[" + t + "] is not a node");
            }
            rootIndex[t] = (int) roots[t];
        }
        Aggregate[] aggregates = {Aggregate.AVERAGE, Aggregate.SUM, Aggregate.MIN, Aggregate.MAX};
        PostTransform[] transforms = {
            PostTransform.NONE,
            PostTransform.SOFTMAX,
            PostTransform.LOGISTIC,
            PostTransform.SOFTMAX_ZERO,
            PostTransform.PROBIT
        };
        int aggregate = (int) node.integer("aggregate_function", 1);
        int post = (int) node.integer("post_transform", 0);
        if (aggregate < 0 || aggregate >= aggregates.length || post < 0 || post >= transforms.length) {
            throw new GraphException(node.label() + ": unknown aggregate_function or post_transform");
        }
        return build(
                Kind.REGRESSOR,
                node,
                new TreeNodes(rootIndex, feature, threshold, mode, whenTrue, whenFalse, missingTrue, members),
                weights,
                targets,
                new double[0],
                aggregates[aggregate],
                transforms[post]);
    }

    private static TreeEnsemble build(
            Kind kind,
            GraphNode node,
            TreeNodes nodes,
            List<List<double[]>> weights,
            int targets,
            double[] baseValues,
            Aggregate aggregate,
            PostTransform postTransform)
            throws GraphException {
        int n = nodes.mode().length;
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + weights.get(i).size();
        }
        int[] target = new int[start[n]];
        double[] value = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int w = 0; w < weights.get(i).size(); w++) {
                target[start[i] + w] = (int) weights.get(i).get(w)[0];
                value[start[i] + w] = weights.get(i).get(w)[1];
            }
        }
        nodes.checkAcyclic(node);
        String output = node.outputs().get(kind == Kind.CLASSIFIER ? 1 : 0);
        return new TreeEnsemble(
                kind,
                node.inputs().get(0),
                output,
                nodes,
                start,
                target,
                value,
                targets,
                baseValues,
                aggregate,
                postTransform);
    }

    private static int child(Map<Long, Integer> index, long tree, long nodeId, GraphNode node) throws GraphException {
        Integer i = index.get(key(tree, nodeId));
        if (i == null) {
            throw new GraphException(
                    node.label() + ": tree " + tree + " branches to node " + nodeId + ", which it does not list");
        }
        return i;
    }

    private static int target(long id, boolean leaf, int splits, int leaves, GraphNode node) throws GraphException {
        if (id < 0 || id >= (leaf ? leaves : splits)) {
            throw new GraphException(node.label() + ": a branch points to " + (leaf ? "leaf " : "node ") + id
                    + ", which does not exist");
        }
        return (int) (leaf ? splits + id : id);
    }

    private static Mode mode(String text, GraphNode node) throws GraphException {
        return switch (text) {
            case "BRANCH_LEQ" -> Mode.LEQ;
            case "BRANCH_LT" -> Mode.LT;
            case "BRANCH_GTE" -> Mode.GTE;
            case "BRANCH_GT" -> Mode.GT;
            case "BRANCH_EQ" -> Mode.EQ;
            case "BRANCH_NEQ" -> Mode.NEQ;
            case "LEAF" -> Mode.LEAF;
            default -> throw new GraphException(node.label() + ": unknown node mode " + text);
        };
    }

    private static <E extends Enum<E>> E named(Class<E> type, String text, GraphNode node, String attribute)
            throws GraphException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new GraphException(node.label() + ": unknown " + attribute + " " + text);
    }

    private static long key(long tree, long nodeId) {
        return (tree << 32) ^ nodeId;
    }
}
