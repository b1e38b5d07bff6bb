/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.ModelMetadata;
import dev.inferstream.serving.oip.TensorMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model metadata of one loaded version. {@code inputs} is the tensor form (the ONNX inputs, {@code [-1, width]});
 * the record form is in the properties: {@code input_forms} = {@code tensor,record} and {@code record_inputs}, a JSON
 * array with one tensor per manifest field ({@code name}, {@code datatype}, {@code shape}, and {@code categories},
 * {@code default} where the manifest has them).
 */
final class Metadata {
    static final String PLATFORM = "onnx_onnxv1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Metadata() {}

    static ModelMetadata of(LoadedModel model, Set<Integer> versions) {
        ModelManifest manifest = model.manifest();
        List<TensorMetadata> inputs = new ArrayList<>();
        for (InputSpec input : manifest.inputs()) {
            inputs.add(
                    new TensorMetadata(input.tensor(), DataType.of(input.type()), List.of(-1L, (long) input.width())));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("version", Integer.toString(model.ref().version()));
        properties.put("sha256", model.sha256());
        if (manifest.description() != null) {
            properties.put("description", manifest.description());
        }
        properties.put("input_forms", "tensor,record");
        properties.put("record_inputs", recordInputs(manifest));
        return new ModelMetadata(
                model.ref().name(),
                versions.stream().map(String::valueOf).toList(),
                PLATFORM,
                inputs,
                Outputs.metadata(manifest),
                properties);
    }

    private static String recordInputs(ModelManifest manifest) {
        List<Map<String, Object>> fields = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (InputSpec input : manifest.inputs()) {
            for (FieldSpec field : input.fields()) {
                if (!seen.add(field.path().text())) {
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                boolean text = input.type() == TensorType.STRING || field.encoding() != FieldSpec.Encoding.VALUE;
                f.put("name", field.path().text());
                f.put("datatype", text ? DataType.BYTES.name() : DataType.FP64.name());
                f.put("shape", field.length() > 1 ? List.of(-1, field.length()) : List.of(-1));
                if (!field.vocabulary().isEmpty()) {
                    f.put("categories", field.vocabulary());
                }
                if (field.defaultValue() != null) {
                    f.put("default", field.defaultValue());
                }
                fields.add(f);
            }
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
