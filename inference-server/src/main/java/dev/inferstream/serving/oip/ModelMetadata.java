/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v2/models/{m}[/versions/{v}]} answers.
 *
 * @param versions the versions a request may pin
 * @param inputs the tensor form: the ONNX inputs
 * @param properties extra facts, among them {@code record_inputs}: the record form as a JSON array of tensors
 */
public record ModelMetadata(
        String name,
        List<String> versions,
        String platform,
        List<TensorMetadata> inputs,
        List<TensorMetadata> outputs,
        Map<String, String> properties) {
    public ModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        properties = Map.copyOf(properties);
    }
}
