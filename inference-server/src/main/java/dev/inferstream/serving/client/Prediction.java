/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

import java.util.List;
import java.util.Map;

/**
 * One row's answer: the version and arm that scored it, its lineage and its outputs.
 *
 * @param outputs each output's values for the row: numbers as Double, BYTES as String
 */
public record Prediction(
        String model,
        String version,
        String arm,
        String predictionId,
        String sha256,
        long latencyMicros,
        String requestId,
        Map<String, List<Object>> outputs) {

    /** The {@code score} output, or null. */
    public Double score() {
        List<Object> values = outputs.get("score");
        return values == null || values.isEmpty() ? null : (Double) values.get(0);
    }

    /** The {@code label} output, or null. */
    public String label() {
        List<Object> values = outputs.get("label");
        return values == null || values.isEmpty() ? null : (String) values.get(0);
    }
}
