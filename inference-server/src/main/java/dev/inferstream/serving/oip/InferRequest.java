/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.util.List;
import java.util.Map;

/**
 * An inference request, as both protocols carry it.
 *
 * @param version the pinned version as given in the path or request, or null
 * @param id the client's request id, or null
 * @param parameters request parameters: strings, numbers (Long or Double) and booleans
 * @param outputs the outputs asked for; empty means all
 */
public record InferRequest(
        String model,
        String version,
        String id,
        Map<String, Object> parameters,
        List<Tensor> inputs,
        List<RequestedOutput> outputs) {
    public InferRequest {
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
