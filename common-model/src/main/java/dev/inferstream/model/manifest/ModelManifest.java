/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of a version's {@code model.yaml}: what the model is, how records fill its inputs and what its
 * outputs mean. Parsed by {@link ManifestParser}, then checked against the ONNX graph when the model loads.
 */
public record ModelManifest(
        String name,
        int version,
        String description,
        Optional<String> sha256,
        List<InputSpec> inputs,
        List<OutputSpec> outputs,
        Map<String, FeatureBaseline> baseline,
        Optional<ExplainSpec> explain) {

    public ModelManifest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        baseline = Map.copyOf(baseline);
    }

    /** Every field path the inputs read, in manifest order, without repeats. */
    public List<FieldPath> fieldPaths() {
        return inputs.stream()
                .flatMap(i -> i.fields().stream())
                .map(FieldSpec::path)
                .distinct()
                .toList();
    }
}
