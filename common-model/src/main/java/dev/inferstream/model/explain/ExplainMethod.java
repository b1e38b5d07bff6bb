/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

/** How an explanation's attributions were computed. */
public enum ExplainMethod {
    /** Interventional TreeSHAP on the graph's tree ensemble: exact Shapley values against the background rows. */
    TREE_SHAP(true),
    /** A linear model's {@code w·(x − E[x])} per field: exact Shapley values against the background rows. */
    LINEAR(true),
    /** Permutation sampling with antithetic pairs through the model itself: any model, approximate. */
    SAMPLING(false);

    private final boolean exact;

    ExplainMethod(boolean exact) {
        this.exact = exact;
    }

    /** True when the attributions are the exact Shapley values (up to floating-point rounding). */
    public boolean exact() {
        return exact;
    }
}
