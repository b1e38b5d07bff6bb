/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.util.List;
import java.util.Map;

/**
 * An inference response, as both protocols carry it.
 *
 * @param parameters {@code model_version}, {@code arm}, {@code prediction_id}, {@code sha256}, {@code latency_us}
 */
public record InferResponse(
        String modelName, String modelVersion, String id, Map<String, Object> parameters, List<Tensor> outputs) {
    public InferResponse {
        parameters = Map.copyOf(parameters);
        outputs = List.copyOf(outputs);
    }
}
