/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.internals.graph.LinearLayer;

/**
 * Exact attributions of a model that is linear in its margin, from the weights read off the graph: each field gets
 * {@code Σ over its slots of w·(x − E[x])}, with {@code E[x]} the background rows' mean slot values. No model call per
 * explanation.
 */
final class LinearExplainer extends SlotExplainer {
    private final LinearLayer layer;
    private final double[][] slotWeights;
    private final double[] mean;
    private final String summary;

    LinearExplainer(LinearLayer layer, Players players, int input, Target target, Margin[] margins, double[][] rows) {
        super(players, input, target, margins);
        this.layer = layer;
        this.mean = new double[layer.features()];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        this.slotWeights = new double[margins.length][];
        for (int k = 0; k < margins.length; k++) {
            if (margins[k] != null) {
                slotWeights[k] = weights(margins[k]);
                baseValues[k] = margins[k].value(layer.apply(mean));
            }
        }
        this.summary = "linear (exact) attributions of the "
                + Explainers.describe(margins, target) + " from the graph's weights, against the mean of "
                + rows.length + " background rows";
    }

    /** The margin's weight on each input slot: its coefficients applied to the layer's rows. */
    private double[] weights(Margin margin) {
        double[] w = new double[layer.features()];
        double[] coefficients = margin.coefficients();
        for (int c = 0; c < coefficients.length; c++) {
            if (coefficients[c] != 0) {
                for (int j = 0; j < w.length; j++) {
                    w[j] += coefficients[c] * layer.weights()[c][j];
                }
            }
        }
        return w;
    }

    @Override
    public ExplainMethod method() {
        return ExplainMethod.LINEAR;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    double[] raw(double[] x) {
        return layer.apply(x);
    }

    @Override
    void attribute(double[] x, int k, double[] phi) {
        double[] w = slotWeights[k];
        for (int j = 0; j < x.length; j++) {
            phi[slotPlayer[j]] += w[j] * (x[j] - mean[j]);
        }
    }
}
