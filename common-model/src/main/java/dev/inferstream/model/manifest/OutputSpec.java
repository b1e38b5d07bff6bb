/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.List;

/**
 * What one ONNX output means.
 *
 * @param labels class labels in the model's class order (probabilities, label); empty when not applicable
 * @param positive for binary probabilities, the label whose probability is the prediction's score; null picks
 *     the second class, or the most probable class when there are more than two
 */
public record OutputSpec(String tensor, OutputKind kind, List<String> labels, String positive) {

    public OutputSpec {
        labels = List.copyOf(labels);
    }
}
