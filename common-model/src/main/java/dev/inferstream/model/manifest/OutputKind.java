/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

/** The meaning of a model output, which decides where it lands in a prediction. */
public enum OutputKind {
    /** Class probabilities: a {@code [N, classes]} tensor or ZipMap's sequence of maps. */
    PROBABILITIES,
    /** The predicted class: an int64 or string tensor {@code [N]} or {@code [N,1]}. */
    LABEL,
    /** A regression value or score: a numeric tensor {@code [N]} or {@code [N,1]}. */
    SCORE,
    /** Any numeric tensor, passed through flattened per row (embeddings, multi-output regressors). */
    TENSOR
}
