/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import java.util.List;
import java.util.Map;

/**
 * What a model version predicted for one record.
 *
 * @param score the positive-class probability, the regression value, or null when the model gives neither
 * @param label the predicted class, or null
 * @param classes class labels, parallel to {@code probabilities}; empty when the model gives no probabilities
 * @param tensors raw outputs declared as {@code tensor} in the manifest, flattened per row
 */
public record ScoreResult(
        Double score, String label, List<String> classes, double[] probabilities, Map<String, double[]> tensors) {}
