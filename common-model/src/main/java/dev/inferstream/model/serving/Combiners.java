/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.routing.EnsemblePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Combines ensemble members' outputs for one record into one {@link ScoreResult}. */
final class Combiners {
    private Combiners() {}

    /**
     * @param weights one per result; all 1 for {@link EnsemblePolicy.Combiner#MEAN}
     * @throws IllegalArgumentException when the members' outputs cannot be combined (different classes)
     */
    static ScoreResult combine(EnsemblePolicy.Combiner combiner, List<ScoreResult> results, double[] weights) {
        double[] w = combiner == EnsemblePolicy.Combiner.WEIGHTED_MEAN ? weights : ones(results.size());
        Double score = meanScore(results, w);
        if (combiner == EnsemblePolicy.Combiner.MAJORITY_VOTE) {
            return vote(results, score);
        }
        List<String> classes = results.get(0).classes();
        for (ScoreResult r : results) {
            if (!r.classes().equals(classes)) {
                throw new IllegalArgumentException(
                        "ensemble members give different classes: " + classes + " and " + r.classes());
            }
        }
        if (classes.isEmpty()) {
            String label = results.stream().allMatch(r -> r.label() != null)
                    ? vote(results, score).label()
                    : null;
            return new ScoreResult(score, label, List.of(), new double[0], Map.of());
        }
        double[] mean = new double[classes.size()];
        double total = 0;
        for (int m = 0; m < results.size(); m++) {
            double[] p = results.get(m).probabilities();
            for (int c = 0; c < mean.length; c++) {
                mean[c] += w[m] * p[c];
            }
            total += w[m];
        }
        int best = 0;
        for (int c = 0; c < mean.length; c++) {
            mean[c] /= total;
            if (mean[c] > mean[best]) {
                best = c;
            }
        }
        return new ScoreResult(score, classes.get(best), classes, mean, Map.of());
    }

    /** The label most members give (ties: the earliest member's); probabilities are the vote shares. */
    private static ScoreResult vote(List<ScoreResult> results, Double score) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ScoreResult r : results) {
            if (r.label() == null) {
                throw new IllegalArgumentException("a majority vote needs a label from every member");
            }
            votes.merge(r.label(), 1, Integer::sum);
        }
        String winner = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (winner == null || e.getValue() > votes.get(winner)) {
                winner = e.getKey();
            }
        }
        List<String> classes = new ArrayList<>(votes.keySet());
        double[] shares = new double[classes.size()];
        for (int c = 0; c < shares.length; c++) {
            shares[c] = votes.get(classes.get(c)) / (double) results.size();
        }
        return new ScoreResult(score, winner, classes, shares, Map.of());
    }

    private static Double meanScore(List<ScoreResult> results, double[] w) {
        double sum = 0;
        double total = 0;
        for (int m = 0; m < results.size(); m++) {
            if (results.get(m).score() == null) {
                return null;
            }
            sum += w[m] * results.get(m).score();
            total += w[m];
        }
        return sum / total;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }
}
