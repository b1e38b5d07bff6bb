/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputKind;
import dev.inferstream.model.manifest.OutputSpec;
import dev.inferstream.model.manifest.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest against the ONNX graph's own input and output metadata, so a model whose manifest lies
 * about it is refused at load time instead of failing on every record.
 */
final class GraphContract {
    private GraphContract() {}

    /** The problems found, empty when the manifest fits the graph. */
    static List<String> problems(ModelManifest manifest, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        List<String> problems = new ArrayList<>();
        for (InputSpec input : manifest.inputs()) {
            NodeInfo node = inputs.get(input.tensor());
            if (node == null) {
                problems.add("the manifest declares input '" + input.tensor() + "' but the graph's inputs are "
                        + inputs.keySet());
                continue;
            }
            if (!(node.getInfo() instanceof TensorInfo tensor)) {
                problems.add("graph input '" + input.tensor() + "' is not a tensor: " + node.getInfo());
                continue;
            }
            OnnxJavaType expected = javaType(input.type());
            if (tensor.type != expected) {
                problems.add("input '" + input.tensor() + "' is " + tensor.type + " in the graph but "
                        + input.type().name().toLowerCase() + " in the manifest");
            }
            long[] shape = tensor.getShape();
            if (shape.length != 2) {
                problems.add("input '" + input.tensor() + "' has shape " + Arrays.toString(shape)
                        + "; inputs must be [batch, features]");
            } else {
                if (shape[1] > 0 && shape[1] != input.width()) {
                    problems.add("input '" + input.tensor() + "' takes " + shape[1] + " values per row but the "
                            + "manifest's fields fill " + input.width());
                }
                if (shape[0] > 1) {
                    problems.add("input '" + input.tensor() + "' has a fixed batch size of " + shape[0]
                            + "; export the model with a dynamic batch axis (or batch size 1)");
                }
            }
        }
        for (String name : inputs.keySet()) {
            if (manifest.inputs().stream().noneMatch(i -> i.tensor().equals(name))) {
                problems.add("graph input '" + name + "' is not declared in the manifest's inputs");
            }
        }
        for (OutputSpec output : manifest.outputs()) {
            NodeInfo node = outputs.get(output.tensor());
            if (node == null) {
                problems.add("the manifest declares output '" + output.tensor() + "' but the graph's outputs are "
                        + outputs.keySet());
                continue;
            }
            String problem = outputProblem(output, node.getInfo());
            if (problem != null) {
                problems.add("output '" + output.tensor() + "' ("
                        + output.kind().name().toLowerCase() + "): " + problem);
            }
        }
        return problems;
    }

    /** True when an input's batch axis is fixed at 1, so rows must be run one at a time. */
    static boolean fixedBatchOfOne(Map<String, NodeInfo> inputs) {
        return inputs.values().stream()
                .anyMatch(n -> n.getInfo() instanceof TensorInfo t && t.getShape().length > 0 && t.getShape()[0] == 1);
    }

    private static String outputProblem(OutputSpec output, ValueInfo info) {
        if (info instanceof SequenceInfo sequence) {
            if (output.kind() == OutputKind.PROBABILITIES && sequence.isSequenceOfMaps()) {
                return null;
            }
            return "the graph gives a sequence " + sequence + ", which only a probabilities output (ZipMap) may be";
        }
        if (!(info instanceof TensorInfo tensor)) {
            return "the graph gives " + info + ", not a tensor";
        }
        long[] shape = tensor.getShape();
        boolean numeric = tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE;
        boolean perRowScalar = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        return switch (output.kind()) {
            case PROBABILITIES ->
                !numeric || shape.length != 2
                        ? "expected a float tensor [N, classes], got " + tensor
                        : shape[1] > 0 && shape[1] != output.labels().size()
                                ? "the graph has " + shape[1] + " classes but the manifest lists "
                                        + output.labels().size() + " labels"
                                : null;
            case LABEL ->
                (tensor.type == OnnxJavaType.INT64
                                        || tensor.type == OnnxJavaType.INT32
                                        || tensor.type == OnnxJavaType.STRING)
                                && perRowScalar
                        ? null
                        : "expected an int64 or string tensor [N] or [N,1], got " + tensor;
            case SCORE -> numeric && perRowScalar ? null : "expected a float tensor [N] or [N,1], got " + tensor;
            case TENSOR ->
                numeric || tensor.type == OnnxJavaType.INT64 || tensor.type == OnnxJavaType.INT32
                        ? null
                        : "expected a numeric tensor, got " + tensor;
        };
    }

    static OnnxJavaType javaType(TensorType type) {
        return switch (type) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT64 -> OnnxJavaType.DOUBLE;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case BOOL -> OnnxJavaType.BOOL;
            case STRING -> OnnxJavaType.STRING;
        };
    }
}
