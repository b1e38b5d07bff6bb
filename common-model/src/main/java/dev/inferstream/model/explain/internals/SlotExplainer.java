/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FieldSource;
import java.util.ArrayList;
import java.util.List;

/**
 * An exact explainer that works on the slots of one model input, read through the model's own feature encoder: it
 * computes the raw scores the graph computes, picks the explained class, and credits each field with its share of
 * the margin chosen for that class. No model call per explanation.
 */
abstract class SlotExplainer implements Explainer {
    final Players players;
    final int input;
    final int[] slotPlayer;
    final Target target;
    final Margin[] margins;
    /** Per class, the margin averaged over the background rows; filled by the subclass. */
    final double[] baseValues;

    SlotExplainer(Players players, int input, Target target, Margin[] margins) {
        this.players = players;
        this.input = input;
        this.slotPlayer = players.slotPlayers(input);
        this.target = target;
        this.margins = margins;
        this.baseValues = new double[margins.length];
    }

    /** The raw scores (class sums, linear outputs) the graph computes from input slots {@code x}. */
    abstract double[] raw(double[] x);

    /** Adds each player's attribution for class {@code k} to {@code phi}. */
    abstract void attribute(double[] x, int k, double[] phi);

    @Override
    public OutputSpace space() {
        return Explainers.firstMargin(margins, target).space();
    }

    @Override
    public final Explanation explain(FieldSource record) throws ExplainException {
        double[] x;
        try {
            x = players.encode(input, record);
        } catch (FeatureException e) {
            throw new ExplainException("cannot explain the record: " + e.getMessage(), e);
        }
        double[] raw = raw(x);
        int k = target.fixedClass() >= 0 ? target.fixedClass() : Explainers.predictedClass(margins, raw);
        double[] phi = new double[players.count()];
        attribute(x, k, phi);
        List<FieldAttribution> attributions = new ArrayList<>(phi.length);
        for (int p = 0; p < phi.length; p++) {
            attributions.add(new FieldAttribution(players.name(p), phi[p]));
        }
        return new Explanation(
                method(), margins[k].space(), target.name(k), baseValues[k], margins[k].value(raw), attributions);
    }
}
