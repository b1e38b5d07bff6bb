/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

import dev.inferstream.model.explain.graph.LinearLayer;
import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FieldSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact attributions of a model that is linear in its margin, from the weights read off the graph: each field gets
 * {@code Σ over its slots of w·(x − E[x])}, with {@code E[x]} the background rows' mean slot values. No model call per
 * explanation.
 */
final class LinearExplainer implements Explainer {
    private final LinearLayer layer;
    private final Players players;
    private final int input;
    private final int[] slotPlayer;
    private final Target target;
    private final Margin[] margins;
    private final double[][] slotWeights;
    private final double[] mean;
    private final double[] baseValues;
    private final String summary;

    LinearExplainer(LinearLayer layer, Players players, int input, Target target, Margin[] margins, double[][] rows) {
        this.layer = layer;
        this.players = players;
        this.input = input;
        this.slotPlayer = players.slotPlayers(input);
        this.target = target;
        this.margins = margins;
        this.mean = new double[layer.features()];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        this.slotWeights = new double[margins.length][];
        this.baseValues = new double[margins.length];
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
    public OutputSpace space() {
        return Explainers.firstMargin(margins, target).space();
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Explanation explain(FieldSource record) throws ExplainException {
        double[] x;
        try {
            x = players.encode(input, record);
        } catch (FeatureException e) {
            throw new ExplainException("cannot explain the record: " + e.getMessage(), e);
        }
        double[] raw = layer.apply(x);
        int k = target.fixedClass() >= 0 ? target.fixedClass() : Explainers.predictedClass(margins, raw);
        double[] w = slotWeights[k];
        double[] phi = new double[players.count()];
        for (int j = 0; j < x.length; j++) {
            phi[slotPlayer[j]] += w[j] * (x[j] - mean[j]);
        }
        List<FieldAttribution> attributions = new ArrayList<>(phi.length);
        for (int p = 0; p < phi.length; p++) {
            attributions.add(new FieldAttribution(players.name(p), phi[p]));
        }
        return new Explanation(
                ExplainMethod.LINEAR,
                margins[k].space(),
                target.name(k),
                baseValues[k],
                margins[k].value(raw),
                attributions);
    }
}
