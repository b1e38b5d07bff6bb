/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.List;
import java.util.Map;

/**
 * Training-time statistics of one feature, the reference for drift detection.
 *
 * @param binEdges ascending edges of numeric bins ({@code k} edges give {@code k+1} bins)
 * @param binFrequencies share of training rows per bin
 * @param categories share of training rows per category, for categorical features
 */
public record FeatureBaseline(
        Double mean,
        Double stddev,
        List<Double> binEdges,
        List<Double> binFrequencies,
        Map<String, Double> categories) {

    public FeatureBaseline {
        binEdges = List.copyOf(binEdges);
        binFrequencies = List.copyOf(binFrequencies);
        categories = Map.copyOf(categories);
    }
}
