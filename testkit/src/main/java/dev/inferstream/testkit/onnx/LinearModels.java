/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.floats;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.ints;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.of;

import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import java.util.List;

/**
 * Linear models in the layouts exporters produce: a Gemm with a sigmoid (neural-network exporters), skl2onnx's
 * {@code LinearClassifier} (binary logistic regression as two mirrored rows, multinomial with a softmax) and
 * {@code LinearRegressor}, and a softmax regression from MatMul + Add. See also {@link
 * TestModels#logisticRegression(float[], float)} (MatMul + Add + Sigmoid). All take one float input
 * {@code features [N,F]}.
 */
public final class LinearModels {
    private LinearModels() {}

    /** {@code Gemm(features, W, B)} then a sigmoid; outputs {@code label [N]} and {@code probabilities [N,2]}. */
    public static byte[] gemmLogistic(float[] w, float b) {
        int features = w.length;
        return ClassifierOutputs.logistic(
                        OnnxGraph.named("gemm_logistic")
                                .input("features", ElementType.FLOAT, -1, features)
                                .initializer("W", new long[] {1, features}, w)
                                .initializer("B", new long[] {1}, new float[] {b})
                                .initializer("one", new long[] {1}, new float[] {1f})
                                .node("Gemm", List.of("features", "W", "B"), List.of("logit"), of("transB", 1L)),
                        "logit")
                .build();
    }

    /**
     * A binary logistic regression as skl2onnx writes it: a {@code LinearClassifier} whose rows are {@code -w} and
     * {@code w}, intercepts {@code -b} and {@code b}, and a per-class logistic. Outputs {@code label [N]} and
     * {@code probabilities [N,2]}.
     */
    public static byte[] linearClassifierBinary(float[] w, float b) {
        int features = w.length;
        float[] coefficients = new float[2 * features];
        for (int i = 0; i < features; i++) {
            coefficients[i] = -w[i];
            coefficients[features + i] = w[i];
        }
        return linearClassifier(features, coefficients, new float[] {-b, b}, 2, "LOGISTIC");
    }

    /**
     * A multinomial logistic regression as skl2onnx writes it: a {@code LinearClassifier} with one row per class and
     * a softmax. Outputs {@code label [N]} and {@code probabilities [N,classes]}.
     *
     * @param weights {@code [classes][features]}
     */
    public static byte[] linearClassifierMultinomial(float[][] weights, float[] intercepts) {
        int classes = weights.length;
        int features = weights[0].length;
        float[] coefficients = new float[classes * features];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(weights[c], 0, coefficients, c * features, features);
        }
        return linearClassifier(features, coefficients, intercepts, classes, "SOFTMAX");
    }

    private static byte[] linearClassifier(
            int features, float[] coefficients, float[] intercepts, int classes, String postTransform) {
        long[] labels = new long[classes];
        for (int c = 0; c < classes; c++) {
            labels[c] = c;
        }
        return OnnxGraph.named("linear_classifier")
                .input("features", ElementType.FLOAT, -1, features)
                .mlNode(
                        "LinearClassifier",
                        List.of("features"),
                        List.of("label", "probabilities"),
                        floats("coefficients", coefficients),
                        floats("intercepts", intercepts),
                        ints("classlabels_ints", labels),
                        of("post_transform", postTransform),
                        of("multi_class", 0L))
                .output("label", ElementType.INT64, -1)
                .output("probabilities", ElementType.FLOAT, -1, classes)
                .build();
    }

    /** A {@code LinearRegressor}: {@code variable = w·x + b}, output {@code variable [N,1]}. */
    public static byte[] linearRegressor(float[] w, float b) {
        return OnnxGraph.named("linear_regressor")
                .input("features", ElementType.FLOAT, -1, w.length)
                .mlNode(
                        "LinearRegressor",
                        List.of("features"),
                        List.of("variable"),
                        floats("coefficients", w),
                        floats("intercepts", b),
                        of("targets", 1L),
                        of("post_transform", "NONE"))
                .output("variable", ElementType.FLOAT, -1, 1)
                .build();
    }

    /**
     * Softmax regression from MatMul + Add + Softmax; outputs {@code label [N]} and {@code probabilities
     * [N,classes]}.
     *
     * @param weights {@code [features][classes]}, row-major as the MatMul initializer
     */
    public static byte[] softmaxRegression(float[][] weights, float[] bias) {
        int features = weights.length;
        int classes = bias.length;
        float[] flat = new float[features * classes];
        for (int f = 0; f < features; f++) {
            System.arraycopy(weights[f], 0, flat, f * classes, classes);
        }
        OnnxGraph graph = OnnxGraph.named("softmax_regression")
                .input("features", ElementType.FLOAT, -1, features)
                .initializer("W", new long[] {features, classes}, flat)
                .initializer("B", new long[] {classes}, bias)
                .node("MatMul", List.of("features", "W"), List.of("xw"))
                .node("Add", List.of("xw", "B"), List.of("logits"));
        return ClassifierOutputs.softmax(graph, "logits", classes).build();
    }
}
