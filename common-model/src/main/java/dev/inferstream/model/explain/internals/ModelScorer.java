/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.features.FieldSource;
import java.util.List;

/**
 * Scores rows through the model in batched calls, for the explainers: per row the class probabilities (classifiers)
 * or the one-element score (regressors). The loaded model provides it, so explanations go through the same feature
 * mapping and inference path as predictions.
 */
@FunctionalInterface
public interface ModelScorer {
    /** @throws ExplainException when a row cannot be scored */
    double[][] outputs(List<? extends FieldSource> rows) throws ExplainException;
}
