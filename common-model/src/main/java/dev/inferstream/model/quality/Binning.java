/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import dev.inferstream.model.manifest.FeatureBaseline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts one feature's values into fixed bins: numeric values by bin edges, categories by name (plus one bin for
 * categories the reference never saw, and one for missing values).
 */
abstract sealed class Binning permits Binning.Numeric, Binning.Categorical {
    /** The number of bins, the missing-value bin included. */
    abstract int bins();

    /** The bin of {@code value}; the last bin holds missing values. */
    abstract int bin(Object value);

    /** The reference shares per bin, or null when the reference is still to be learned. */
    abstract double[] reference();

    static Binning of(FeatureBaseline baseline) {
        if (!baseline.categories().isEmpty()) {
            return new Categorical(baseline.categories());
        }
        double[] edges =
                baseline.binEdges().stream().mapToDouble(Double::doubleValue).toArray();
        double[] reference = new double[edges.length + 2];
        for (int i = 0; i < baseline.binFrequencies().size() && i < edges.length + 1; i++) {
            reference[i] = baseline.binFrequencies().get(i);
        }
        return new Numeric(edges, reference);
    }

    /** Deciles of {@code sample} as edges, and the sample's own shares as the reference. */
    static Numeric learned(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        List<Double> edges = new ArrayList<>();
        for (int d = 1; d < 10; d++) {
            double edge = sorted[Math.min(sorted.length - 1, d * sorted.length / 10)];
            if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
            }
        }
        Numeric binning =
                new Numeric(edges.stream().mapToDouble(Double::doubleValue).toArray(), null);
        long[] counts = new long[binning.bins()];
        for (double v : sample) {
            counts[binning.bin(v)]++;
        }
        return new Numeric(binning.edges, Psi.shares(counts));
    }

    static final class Numeric extends Binning {
        final double[] edges;
        private final double[] reference;

        Numeric(double[] edges, double[] reference) {
            this.edges = edges;
            this.reference = reference;
        }

        @Override
        int bins() {
            return edges.length + 2;
        }

        @Override
        int bin(Object value) {
            if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
                return edges.length + 1;
            }
            int at = Arrays.binarySearch(edges, n.doubleValue());
            return at >= 0 ? at + 1 : -at - 1;
        }

        @Override
        double[] reference() {
            return reference;
        }
    }

    static final class Categorical extends Binning {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final double[] reference;

        Categorical(Map<String, Double> shares) {
            reference = new double[shares.size() + 2];
            shares.forEach((category, share) -> {
                reference[index.size()] = share;
                index.put(category, index.size());
            });
        }

        @Override
        int bins() {
            return index.size() + 2;
        }

        @Override
        int bin(Object value) {
            if (value == null) {
                return index.size() + 1;
            }
            return index.getOrDefault(value.toString(), index.size());
        }

        @Override
        double[] reference() {
            return reference;
        }
    }
}
