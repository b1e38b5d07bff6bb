/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.Optional;

/**
 * How a model version is explained: the {@code explain:} section of {@code model.yaml}.
 *
 * <pre>{@code
 * explain:
 *   background: background.csv   # a CSV or Avro file beside model.yaml, or "baseline" (the baseline's means)
 *   method: auto                 # auto | tree | linear | sampling
 *   linearIn: logit              # optional: the model is linear in the log-odds (logit) or in its output (identity)
 *   samples: 64                  # sampling: permutations per explanation
 *   backgroundSize: 32           # background rows each explanation integrates over
 *   seed: 0                      # which background rows and permutations; explanations are deterministic per seed
 * }</pre>
 *
 * @param background a file name beside {@code model.yaml} ({@code .csv} or {@code .avro}), or {@link #BASELINE}
 * @param linearIn the margin the model is declared linear in; null when not declared
 */
public record ExplainSpec(
        String background, Method method, LinearIn linearIn, int samples, int backgroundSize, long seed) {
    /** The {@code background} value that takes one row of the manifest baseline's means. */
    public static final String BASELINE = "baseline";

    public static final int DEFAULT_SAMPLES = 64;
    public static final int DEFAULT_BACKGROUND_SIZE = 32;

    /** Which explainer to use. */
    public enum Method {
        /** The exact explainer the graph allows (tree, then linear), else sampling. */
        AUTO,
        /** Interventional TreeSHAP on the graph's tree ensemble; the load fails if there is none. */
        TREE,
        /** Exact attributions of a linear model; the load fails if the model is not linear. */
        LINEAR,
        /** Permutation sampling through the model itself: any model, approximate. */
        SAMPLING
    }

    /** A margin in which the model is declared linear. */
    public enum LinearIn {
        /** The log-odds of the explained class's probability. */
        LOGIT,
        /** The explained output itself (a regression value or a raw score). */
        IDENTITY
    }

    /** The background file's name, empty when the baseline's means are the background. */
    public Optional<String> backgroundFile() {
        return BASELINE.equals(background) ? Optional.empty() : Optional.of(background);
    }
}
