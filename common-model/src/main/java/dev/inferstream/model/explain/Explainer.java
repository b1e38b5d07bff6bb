/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

import dev.inferstream.model.features.FieldSource;

/**
 * Explains a model version's predictions with Shapley values per manifest field. Built once when the version loads,
 * from the manifest's {@code explain:} section ({@link dev.inferstream.model.inference.LoadedModel#explainer()});
 * thread-safe; the same record, seed and settings give the same explanation on every path.
 *
 * <pre>{@code
 * Explainer explainer = loadedModel.explainer().orElseThrow();
 * Explanation why = explainer.explain(record);
 * why.top(3);   // the three fields that moved the prediction most
 * }</pre>
 */
public interface Explainer {
    /** How the attributions are computed, and whether they are exact. */
    ExplainMethod method();

    /** The output the attributions add up to (probability, log-odds, margin or value). */
    OutputSpace space();

    /** One line for logs and users: method, exactness, explained output and background, and why not exact. */
    String summary();

    /** @throws ExplainException when the record's fields cannot be mapped or the model fails on it */
    Explanation explain(FieldSource record) throws ExplainException;
}
