/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.ExplainSpec.LinearIn;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact attributions of a model that {@code model.yaml} declares linear in a margin (the log-odds or the output
 * itself) but whose graph is not a recognised linear layer. A linear margin is a sum of one term per field, so a
 * field's Shapley value is its own term at {@code x} minus its mean term over the background; the terms are read
 * through the model by swapping one field at a time into a fixed reference row (the first background row). One
 * batched call of {@code fields + 1} rows per explanation. The declaration is checked when the model loads.
 */
final class LinearProbeExplainer implements Explainer {
    /** Allowed gap of {@code base + Σ attributions} from the margin on the check rows: float32 outputs. */
    static final double TOLERANCE = 1e-3;

    private final Players players;
    private final ModelScorer scorer;
    private final Target target;
    private final LinearIn linearIn;
    private final FieldSource reference;
    private final double referenceMargin;
    private final double[] meanTerm;
    private final double baseValue;
    private final String summary;

    private LinearProbeExplainer(
            Players players,
            ModelScorer scorer,
            Target target,
            LinearIn linearIn,
            FieldSource reference,
            double referenceMargin,
            double[] meanTerm,
            double baseValue,
            int backgroundRows) {
        this.players = players;
        this.scorer = scorer;
        this.target = target;
        this.linearIn = linearIn;
        this.reference = reference;
        this.referenceMargin = referenceMargin;
        this.meanTerm = meanTerm;
        this.baseValue = baseValue;
        this.summary = "linear (exact, declared linearIn: " + linearIn.name().toLowerCase() + ") attributions of the "
                + space().name().toLowerCase().replace('_', '-') + " of '" + target.name(target.fixedClass())
                + "', measured through the model against " + backgroundRows + " background rows";
    }

    static LinearProbeExplainer create(
            Players players, ModelScorer scorer, Target target, LinearIn linearIn, List<FieldSource> background)
            throws ExplainException {
        if (target.fixedClass() < 0) {
            throw new ExplainException("linearIn needs a fixed explained class: a binary model or outputs.positive");
        }
        FieldSource reference = background.get(0);
        int p = players.count();
        List<FieldSource> rows = new ArrayList<>(1 + background.size() * (p + 1));
        rows.add(reference);
        for (FieldSource z : background) {
            rows.add(z);
            for (int f = 0; f < p; f++) {
                rows.add(players.mix(z, reference, only(p, f)));
            }
        }
        double[][] outputs = scorer.outputs(rows);
        int k = target.fixedClass();
        double referenceMargin = margin(linearIn, outputs[0][k]);
        double[] meanTerm = new double[p];
        double base = 0;
        int cursor = 1;
        for (int b = 0; b < background.size(); b++) {
            base += margin(linearIn, outputs[cursor++][k]) / background.size();
            for (int f = 0; f < p; f++) {
                meanTerm[f] += (margin(linearIn, outputs[cursor++][k]) - referenceMargin) / background.size();
            }
        }
        LinearProbeExplainer explainer = new LinearProbeExplainer(
                players, scorer, target, linearIn, reference, referenceMargin, meanTerm, base, background.size());
        for (FieldSource z : background.subList(0, Math.min(8, background.size()))) {
            Explanation e = explainer.explain(z);
            double sum = e.baseValue();
            for (FieldAttribution a : e.attributions()) {
                sum += a.value();
            }
            if (Math.abs(sum - e.value()) > TOLERANCE * Math.max(1, Math.abs(e.value()))) {
                throw new ExplainException("model.yaml declares explain.linearIn: "
                        + linearIn.name().toLowerCase()
                        + " but the model is not linear in it: a background row's margin is " + e.value()
                        + " while the per-field terms add up to " + sum + "; remove linearIn (sampling then applies)");
            }
        }
        return explainer;
    }

    @Override
    public ExplainMethod method() {
        return ExplainMethod.LINEAR;
    }

    @Override
    public OutputSpace space() {
        return linearIn == LinearIn.LOGIT ? OutputSpace.LOG_ODDS : target.outputSpace();
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Explanation explain(FieldSource record) throws ExplainException {
        int p = players.count();
        List<FieldSource> rows = new ArrayList<>(p + 1);
        rows.add(record);
        for (int f = 0; f < p; f++) {
            rows.add(players.mix(record, reference, only(p, f)));
        }
        double[][] outputs = scorer.outputs(rows);
        int k = target.fixedClass();
        List<FieldAttribution> attributions = new ArrayList<>(p);
        for (int f = 0; f < p; f++) {
            double term = margin(linearIn, outputs[f + 1][k]) - referenceMargin;
            attributions.add(new FieldAttribution(players.name(f), term - meanTerm[f]));
        }
        return new Explanation(
                ExplainMethod.LINEAR,
                space(),
                target.name(k),
                baseValue,
                margin(linearIn, outputs[0][k]),
                attributions);
    }

    private static double margin(LinearIn linearIn, double output) throws ExplainException {
        if (linearIn == LinearIn.IDENTITY) {
            return output;
        }
        if (!(output > 0 && output < 1)) {
            throw new ExplainException("the model's probability is " + output + ", whose log-odds are not finite");
        }
        return Math.log(output / (1 - output));
    }

    private static boolean[] only(int players, int player) {
        boolean[] fromX = new boolean[players];
        fromX[player] = true;
        return fromX;
    }
}
