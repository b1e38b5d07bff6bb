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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shapley values by permutation sampling (Štrumbelj &amp; Kononenko) with antithetic pairs: for each background row
 * {@code z}, walk random orders of the fields and their reverses, moving one field at a time from {@code z} to the
 * record, and credit each field with the change of the model's output. Every background row gets the same number of
 * permutations, so the attributions add up exactly to the output minus the background's mean output. All rows of one
 * explanation go through the model's own scoring path in batched calls. The permutations depend only on the seed:
 * the same record always gets the same explanation.
 */
final class PermutationExplainer implements Explainer {
    /** Rows per inference call; larger explanations take several calls. */
    static final int MAX_BATCH = 4096;

    private final Players players;
    private final ModelScorer scorer;
    private final Target target;
    private final List<FieldSource> background;
    private final double[][] backgroundOutputs;
    private final int[][][] orders;
    private final int[][][] ranks;
    private final String summary;

    PermutationExplainer(
            Players players,
            ModelScorer scorer,
            Target target,
            List<FieldSource> background,
            double[][] backgroundOutputs,
            int samples,
            long seed,
            String why) {
        this.players = players;
        this.scorer = scorer;
        this.target = target;
        this.background = background;
        this.backgroundOutputs = backgroundOutputs;
        int pairs = Math.max(1, (samples + 2 * background.size() - 1) / (2 * background.size()));
        int p = players.count();
        SplittableRandom random = new SplittableRandom(seed);
        this.orders = new int[background.size()][2 * pairs][];
        this.ranks = new int[background.size()][2 * pairs][];
        for (int b = 0; b < background.size(); b++) {
            for (int q = 0; q < pairs; q++) {
                int[] order = shuffled(p, random);
                int[] reverse = new int[p];
                for (int i = 0; i < p; i++) {
                    reverse[i] = order[p - 1 - i];
                }
                orders[b][2 * q] = order;
                orders[b][2 * q + 1] = reverse;
                ranks[b][2 * q] = rank(order);
                ranks[b][2 * q + 1] = rank(reverse);
            }
        }
        this.summary = "permutation sampling (approximate) of the "
                + target.outputSpace().name().toLowerCase()
                + " of "
                + (target.fixedClass() >= 0 ? "'" + target.name(target.fixedClass()) + "'" : "the predicted class")
                + ": " + 2 * pairs * background.size() + " permutations over " + background.size()
                + " background rows, " + rowsPerExplanation() + " model rows per explanation" + why;
    }

    /** Model rows one explanation scores. */
    int rowsPerExplanation() {
        return 1 + background.size() * orders[0].length * Math.max(0, players.count() - 1);
    }

    @Override
    public ExplainMethod method() {
        return ExplainMethod.SAMPLING;
    }

    @Override
    public OutputSpace space() {
        return target.outputSpace();
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Explanation explain(FieldSource record) throws ExplainException {
        int p = players.count();
        List<FieldSource> rows = new ArrayList<>(rowsPerExplanation());
        rows.add(record);
        for (int b = 0; b < background.size(); b++) {
            FieldSource z = background.get(b);
            for (int[] rank : ranks[b]) {
                for (int cut = 1; cut < p; cut++) {
                    rows.add(players.mix(record, z, rank, cut));
                }
            }
        }
        double[][] outputs = new double[rows.size()][];
        for (int from = 0; from < rows.size(); from += MAX_BATCH) {
            int to = Math.min(rows.size(), from + MAX_BATCH);
            double[][] chunk = scorer.outputs(rows.subList(from, to));
            System.arraycopy(chunk, 0, outputs, from, chunk.length);
        }
        int k = target.classOf(outputs[0]);
        double fx = outputs[0][k];
        double[] phi = new double[p];
        double base = 0;
        int cursor = 1;
        int walks = 0;
        for (int b = 0; b < background.size(); b++) {
            double fz = backgroundOutputs[b][k];
            base += fz / background.size();
            for (int[] order : orders[b]) {
                double previous = fz;
                for (int cut = 1; cut <= p; cut++) {
                    double current = cut == p ? fx : outputs[cursor++][k];
                    phi[order[cut - 1]] += current - previous;
                    previous = current;
                }
                walks++;
            }
        }
        List<FieldAttribution> attributions = new ArrayList<>(p);
        for (int f = 0; f < p; f++) {
            attributions.add(new FieldAttribution(players.name(f), phi[f] / walks));
        }
        return new Explanation(ExplainMethod.SAMPLING, space(), target.name(k), base, fx, attributions);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] rank(int[] order) {
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }
}
