/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How far the stable version's accuracy on joined feedback falls below the best accuracy another version of the
 * model reached (e.g. the version it replaced), each over at least {@value #MIN_JUDGED} judged predictions.
 */
public record QualityDrop(int stable, double accuracy, int best, double bestAccuracy) {
    /** Versions with fewer judged (classified) predictions are not compared. */
    public static final long MIN_JUDGED = 100;

    public double drop() {
        return bestAccuracy - accuracy;
    }

    /** Empty without a deployment, without enough feedback, or when no other version did better. */
    public static Optional<QualityDrop> of(Deployment current, List<QualityStats> stats) {
        if (current == null) {
            return Optional.empty();
        }
        Map<Integer, List<QualityStats>> byVersion = stats.stream()
                .collect(Collectors.groupingBy(QualityStats::getVersion, TreeMap::new, Collectors.toList()));
        Map<Integer, Double> accuracy = new TreeMap<>();
        byVersion.forEach((version, list) -> {
            Quality.Summary s = Quality.summarize(list);
            if (s.accuracy() != null && s.classified() >= MIN_JUDGED) {
                accuracy.put(version, s.accuracy());
            }
        });
        Double stable = accuracy.get(current.getStable());
        if (stable == null) {
            return Optional.empty();
        }
        return accuracy.entrySet().stream()
                .filter(e -> e.getKey() != current.getStable() && e.getValue() > stable)
                .max(Map.Entry.comparingByValue())
                .map(e -> new QualityDrop(current.getStable(), stable, e.getKey(), e.getValue()));
    }
}
