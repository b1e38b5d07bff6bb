/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.ints;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.of;

import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import java.util.List;

/** The output layers exporters put after a classifier's scores, shared by this package's model builders. */
final class ClassifierOutputs {
    private ClassifierOutputs() {}

    /**
     * {@code p1 = sigmoid(logit)}, then outputs {@code label [N]} (int64, the argmax) and {@code probabilities [N,2]}
     * ({@code [1 - p1, p1]}); the graph must hold an initializer {@code one} = 1.
     */
    static OnnxGraph logistic(OnnxGraph graph, String logit) {
        return graph.node("Sigmoid", List.of(logit), List.of("p1"))
                .node("Sub", List.of("one", "p1"), List.of("p0"))
                .node("Concat", List.of("p0", "p1"), List.of("probabilities"), of("axis", 1L))
                .node("ArgMax", List.of("probabilities"), List.of("label"), of("axis", 1L), of("keepdims", 0L))
                .output("label", ElementType.INT64, -1)
                .output("probabilities", ElementType.FLOAT, -1, 2);
    }

    /**
     * {@code probabilities = softmax(logits)}, then outputs {@code label [N]} (int64, the argmax) and {@code
     * probabilities [N,classes]}.
     */
    static OnnxGraph softmax(OnnxGraph graph, String logits, int classes) {
        return graph.node("Softmax", List.of(logits), List.of("probabilities"), of("axis", 1L))
                .node("ArgMax", List.of("probabilities"), List.of("label"), of("axis", 1L), of("keepdims", 0L))
                .output("label", ElementType.INT64, -1)
                .output("probabilities", ElementType.FLOAT, -1, classes);
    }

    /**
     * The tensor {@code probabilities [N,2]} as an output, or with {@code zipMap} through ZipMap into {@code
     * output_probability}: a sequence of maps from class (0, 1) to probability.
     */
    static byte[] binaryProbabilities(OnnxGraph graph, boolean zipMap) {
        if (!zipMap) {
            return graph.output("probabilities", ElementType.FLOAT, -1, 2).build();
        }
        return graph.mlNode(
                        "ZipMap",
                        List.of("probabilities"),
                        List.of("output_probability"),
                        ints("classlabels_int64s", 0, 1))
                .zipMapOutput("output_probability", ElementType.INT64)
                .build();
    }
}
