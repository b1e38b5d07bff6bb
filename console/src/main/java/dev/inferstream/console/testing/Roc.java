/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A ROC curve and its area from scores and true classes; tied scores move along the diagonal together, so the area
 * equals the probability that a random positive outranks a random negative (ties counting half).
 *
 * @param points (false positive rate, true positive rate), from (0,0) to (1,1), at most about 200 of them
 */
public record Roc(List<double[]> points, double auc, long positives, long negatives) {
    public static Roc of(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        long p = 0;
        long n = 0;
        for (boolean b : positive) {
            if (b) {
                p++;
            } else {
                n++;
            }
        }
        if (p == 0 || n == 0) {
            return new Roc(List.of(), Double.NaN, p, n);
        }
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long tp = 0;
        long fp = 0;
        double area = 0;
        int step = Math.max(1, order.length / 200);
        int i = 0;
        while (i < order.length) {
            double s = scores[order[i]];
            long tpBefore = tp;
            long fpBefore = fp;
            while (i < order.length && scores[order[i]] == s) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            area += (fp - fpBefore) * (tp + tpBefore) / 2.0;
            if (i % step == 0 || i == order.length) {
                points.add(new double[] {fp / (double) n, tp / (double) p});
            }
        }
        return new Roc(points, area / ((double) p * n), p, n);
    }
}
