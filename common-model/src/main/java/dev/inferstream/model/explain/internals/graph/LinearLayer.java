/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import java.util.List;

/**
 * A linear layer read from a graph, {@code z = W·x + b}: one row of weights per output (class or target) over the
 * input's slots. Found by {@link LinearLayerReader}; immutable.
 *
 * @param input the tensor the layer reads
 * @param output the tensor holding {@code z}
 * @param nodes the graph nodes the layer is made of (e.g. MatMul and Add)
 * @param weights {@code [outputs][features]}
 * @param postTransform what a {@code LinearClassifier} applies to {@code z} itself (NONE for MatMul and Gemm, whose
 *     activation, if any, is a separate node)
 */
public record LinearLayer(
        String input,
        String output,
        List<GraphNode> nodes,
        double[][] weights,
        double[] bias,
        TreeEnsemble.PostTransform postTransform) {

    public int outputs() {
        return bias.length;
    }

    public int features() {
        return weights[0].length;
    }

    /** {@code z} for one row of input slots. */
    public double[] apply(double[] x) {
        double[] z = bias.clone();
        for (int k = 0; k < z.length; k++) {
            double[] w = weights[k];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * x[j];
            }
            z[k] += sum;
        }
        return z;
    }
}
