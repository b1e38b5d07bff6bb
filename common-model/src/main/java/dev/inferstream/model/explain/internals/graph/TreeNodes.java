/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import dev.inferstream.model.explain.internals.graph.TreeEnsemble.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The flat nodes of a tree ensemble as a reader collects them, one slot per node: its test, the feature and threshold
 * it tests, its branches, whether missing values go the true way, and the category set of a MEMBER test; {@code
 * roots} holds each tree's first node.
 */
record TreeNodes(
        int[] roots,
        int[] feature,
        double[] threshold,
        Mode[] mode,
        int[] whenTrue,
        int[] whenFalse,
        boolean[] missingTrue,
        double[][] members) {

    /** Every tree must be a tree: a walk from its root that revisits a node would never end. */
    void checkAcyclic(GraphNode node) throws GraphException {
        int[] depth = new int[mode.length];
        Arrays.fill(depth, -1);
        for (int root : roots) {
            List<Integer> stack = new ArrayList<>(List.of(root));
            depth[root] = 0;
            while (!stack.isEmpty()) {
                int i = stack.remove(stack.size() - 1);
                if (mode[i] == Mode.LEAF) {
                    continue;
                }
                for (int child : new int[] {whenTrue[i], whenFalse[i]}) {
                    if (depth[child] >= 0 && depth[child] <= depth[i]) {
                        throw new GraphException(node.label() + ": a tree's branches loop back to node " + child);
                    }
                    depth[child] = depth[i] + 1;
                    stack.add(child);
                }
            }
        }
    }
}
