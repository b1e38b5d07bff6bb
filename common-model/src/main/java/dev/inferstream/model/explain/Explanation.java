/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

import java.util.Comparator;
import java.util.List;

/**
 * Why one record got its prediction: per manifest field, how much it moved the explained output away from the base
 * value (the average output over the background rows). {@code baseValue + Σ attributions = value}.
 *
 * @param target what is explained: the class label for classifiers, the score output's name for regressors
 * @param space the scale of {@code baseValue}, {@code value} and the attributions
 * @param value the explained output for this record, in {@code space}
 * @param attributions one per manifest field, in manifest order
 */
public record Explanation(
        ExplainMethod method,
        OutputSpace space,
        String target,
        double baseValue,
        double value,
        List<FieldAttribution> attributions) {

    public Explanation {
        attributions = List.copyOf(attributions);
    }

    /** The {@code k} attributions of largest magnitude, largest first. */
    public List<FieldAttribution> top(int k) {
        return attributions.stream()
                .sorted(Comparator.comparingDouble((FieldAttribution a) -> -Math.abs(a.value())))
                .limit(k)
                .toList();
    }

    /** The attribution of {@code field}. */
    public double attribution(String field) {
        return attributions.stream()
                .filter(a -> a.field().equals(field))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + field + "' is not a field of the model"))
                .value();
    }
}
