/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.floats;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.ints;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.of;
import static dev.inferstream.testkit.onnx.OnnxGraph.Attribute.strings;

import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import java.util.List;
import java.util.Random;

/**
 * The models tests, demos and benchmarks score: small but real ONNX graphs of the kinds users export
 * (linear and MLP classifiers, tree ensembles with and without ZipMap, string inputs), with seeded weights.
 */
public final class TestModels {
    /** Outputs of the binary classifiers above, as {@code model.yaml} lines. */
    public static final String BINARY_OUTPUTS = """
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
            """;

    private TestModels() {}

    /**
     * A {@code model.yaml} for a model with one float input {@code features} filled from fields f0..f(n-1).
     *
     * @param outputs the {@code outputs:} entries, one YAML list item per line
     */
    public static String manifest(String name, int version, int features, String outputs) {
        StringBuilder fields = new StringBuilder();
        for (int f = 0; f < features; f++) {
            fields.append(f == 0 ? "" : ", ").append('f').append(f);
        }
        return "name: " + name + "\nversion: " + version + "\ninputs:\n  - name: features\n    type: float32\n"
                + "    fields: [" + fields + "]\noutputs:\n" + outputs;
    }

    /**
     * Binary logistic regression over {@code features} floats. Input {@code features [N,F]}; outputs
     * {@code probabilities [N,2]} and {@code label [N]} (int64).
     */
    public static LogisticRegression logisticRegression(int features, long seed) {
        Random random = new Random(seed);
        float[] w = new float[features];
        for (int i = 0; i < features; i++) {
            w[i] = (float) (random.nextGaussian() * 0.5);
        }
        return logisticRegression(w, (float) (random.nextGaussian() * 0.1));
    }

    /** A binary logistic regression with the given weights and bias; same inputs and outputs as above. */
    public static LogisticRegression logisticRegression(float[] w, float b) {
        int features = w.length;
        OnnxGraph graph = OnnxGraph.named("logistic_regression")
                .input("features", ElementType.FLOAT, -1, features)
                .initializer("W", new long[] {features, 1}, w)
                .initializer("B", new long[] {1}, new float[] {b})
                .initializer("one", new long[] {1}, new float[] {1f})
                .node("MatMul", List.of("features", "W"), List.of("xw"))
                .node("Add", List.of("xw", "B"), List.of("logit"));
        byte[] onnx = ClassifierOutputs.logistic(graph, "logit").build();
        return new LogisticRegression(onnx, w, b);
    }

    /** A logistic regression's graph and weights, to compute expected scores independently. */
    public record LogisticRegression(byte[] onnx, float[] weights, float bias) {
        public double probability(float[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += (double) weights[i] * x[i];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    /**
     * A two-hidden-layer ReLU MLP classifier. Input {@code features [N,F]}; outputs {@code probabilities [N,C]}
     * (softmax), {@code label [N]} (int64) and {@code embedding [N,H2]} (the last hidden layer).
     */
    public static byte[] mlp(int features, int hidden1, int hidden2, int classes, long seed) {
        Random random = new Random(seed);
        OnnxGraph graph = OnnxGraph.named("mlp")
                .input("features", ElementType.FLOAT, -1, features)
                .initializer(
                        "W1",
                        new long[] {features, hidden1},
                        gaussian(random, features * hidden1, 1.0 / Math.sqrt(features)))
                .initializer("B1", new long[] {hidden1}, gaussian(random, hidden1, 0.1))
                .initializer(
                        "W2",
                        new long[] {hidden1, hidden2},
                        gaussian(random, hidden1 * hidden2, 1.0 / Math.sqrt(hidden1)))
                .initializer("B2", new long[] {hidden2}, gaussian(random, hidden2, 0.1))
                .initializer(
                        "W3",
                        new long[] {hidden2, classes},
                        gaussian(random, hidden2 * classes, 1.0 / Math.sqrt(hidden2)))
                .initializer("B3", new long[] {classes}, gaussian(random, classes, 0.1))
                .node("MatMul", List.of("features", "W1"), List.of("h1m"))
                .node("Add", List.of("h1m", "B1"), List.of("h1a"))
                .node("Relu", List.of("h1a"), List.of("h1"))
                .node("MatMul", List.of("h1", "W2"), List.of("h2m"))
                .node("Add", List.of("h2m", "B2"), List.of("h2a"))
                .node("Relu", List.of("h2a"), List.of("embedding"))
                .node("MatMul", List.of("embedding", "W3"), List.of("logits_m"))
                .node("Add", List.of("logits_m", "B3"), List.of("logits"));
        return ClassifierOutputs.softmax(graph, "logits", classes)
                .output("embedding", ElementType.FLOAT, -1, hidden2)
                .build();
    }

    /**
     * Passes the first feature through as {@code score [N,1]}: the same input contract as the real models with
     * next to no compute, for measuring everything but the model.
     */
    public static byte[] passThrough(int features) {
        return OnnxGraph.named("pass_through")
                .input("features", ElementType.FLOAT, -1, features)
                .initializer("starts", new long[] {1}, new long[] {0})
                .initializer("ends", new long[] {1}, new long[] {1})
                .initializer("axes", new long[] {1}, new long[] {1})
                .node("Slice", List.of("features", "starts", "ends", "axes"), List.of("score"))
                .output("score", ElementType.FLOAT, -1, 1)
                .build();
    }

    /** Copies its input: the cheapest possible graph, for measuring everything but inference. */
    public static byte[] identity(int features) {
        return OnnxGraph.named("identity")
                .input("features", ElementType.FLOAT, -1, features)
                .node("Identity", List.of("features"), List.of("output"))
                .output("output", ElementType.FLOAT, -1, features)
                .build();
    }

    /**
     * A two-tree binary TreeEnsembleClassifier over 3 features, as scikit-learn, XGBoost and LightGBM export
     * them. Outputs {@code label [N]} (int64) and either {@code probabilities [N,2]} or, with {@code zipMap},
     * {@code output_probability}: a sequence of maps from class to probability.
     */
    public static byte[] treeClassifier(boolean zipMap) {
        OnnxGraph graph = OnnxGraph.named("tree_classifier")
                .input("features", ElementType.FLOAT, -1, 3)
                .mlNode(
                        "TreeEnsembleClassifier",
                        List.of("features"),
                        List.of("label", "probabilities"),
                        ints("nodes_treeids", 0, 0, 0, 0, 0, 1, 1, 1),
                        ints("nodes_nodeids", 0, 1, 2, 3, 4, 0, 1, 2),
                        ints("nodes_featureids", 0, 0, 1, 0, 0, 2, 0, 0),
                        floats("nodes_values", 0.5f, 0, 1.0f, 0, 0, -0.2f, 0, 0),
                        strings(
                                "nodes_modes",
                                "BRANCH_LEQ",
                                "LEAF",
                                "BRANCH_LEQ",
                                "LEAF",
                                "LEAF",
                                "BRANCH_LEQ",
                                "LEAF",
                                "LEAF"),
                        ints("nodes_truenodeids", 1, 0, 3, 0, 0, 1, 0, 0),
                        ints("nodes_falsenodeids", 2, 0, 4, 0, 0, 2, 0, 0),
                        ints("class_treeids", 0, 0, 0, 0, 0, 0, 1, 1, 1, 1),
                        ints("class_nodeids", 1, 1, 3, 3, 4, 4, 1, 1, 2, 2),
                        ints("class_ids", 0, 1, 0, 1, 0, 1, 0, 1, 0, 1),
                        floats("class_weights", 0.4f, 0.1f, 0.3f, 0.2f, 0.05f, 0.45f, 0.45f, 0.05f, 0.1f, 0.4f),
                        ints("classlabels_int64s", 0, 1),
                        of("post_transform", "NONE"))
                .output("label", ElementType.INT64, -1);
        return ClassifierOutputs.binaryProbabilities(graph, zipMap);
    }

    /** Expected positive-class probability of {@link #treeClassifier} for one row. */
    public static double treeClassifierPositive(float[] x) {
        double tree0 = x[0] <= 0.5f ? 0.1f : (x[1] <= 1.0f ? 0.2f : 0.45f);
        double tree1 = x[2] <= -0.2f ? 0.05f : 0.4f;
        return (float) tree0 + (float) tree1;
    }

    /** A one-tree TreeEnsembleRegressor over 2 features; output {@code variable [N,1]}. */
    public static byte[] treeRegressor() {
        return OnnxGraph.named("tree_regressor")
                .input("features", ElementType.FLOAT, -1, 2)
                .mlNode(
                        "TreeEnsembleRegressor",
                        List.of("features"),
                        List.of("variable"),
                        ints("nodes_treeids", 0, 0, 0),
                        ints("nodes_nodeids", 0, 1, 2),
                        ints("nodes_featureids", 0, 0, 0),
                        floats("nodes_values", 100f, 0, 0),
                        strings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF"),
                        ints("nodes_truenodeids", 1, 0, 0),
                        ints("nodes_falsenodeids", 2, 0, 0),
                        ints("target_treeids", 0, 0),
                        ints("target_nodeids", 1, 2),
                        ints("target_ids", 0, 0),
                        floats("target_weights", 150_000f, 420_000f),
                        of("n_targets", 1L),
                        of("aggregate_function", "SUM"),
                        of("post_transform", "NONE"))
                .output("variable", ElementType.FLOAT, -1, 1)
                .build();
    }

    /**
     * A 3-class LinearClassifier with string class labels over 4 features: outputs {@code label [N]} (string)
     * and {@code scores [N,3]} (softmax).
     */
    public static byte[] linearClassifierWithStringLabels() {
        return OnnxGraph.named("linear_classifier")
                .input("features", ElementType.FLOAT, -1, 4)
                .mlNode(
                        "LinearClassifier",
                        List.of("features"),
                        List.of("label", "scores"),
                        floats("coefficients", 1f, 0, 0, 0, 0, 1f, 0, 0, 0, 0, 1f, 0),
                        floats("intercepts", 0, 0, 0),
                        strings("classlabels_strings", "bronze", "silver", "gold"),
                        of("post_transform", "SOFTMAX"),
                        of("multi_class", 0L))
                .output("label", ElementType.STRING, -1)
                .output("scores", ElementType.FLOAT, -1, 3)
                .build();
    }

    /**
     * A model over one string input {@code city [N,1]} (ai.onnx.ml LabelEncoder to a float): output
     * {@code score [N,1]}; unknown cities score -1.
     */
    public static byte[] stringInput() {
        return OnnxGraph.named("string_input")
                .opset(17, 2)
                .input("city", ElementType.STRING, -1, 1)
                .mlNode(
                        "LabelEncoder",
                        List.of("city"),
                        List.of("score"),
                        strings("keys_strings", "paris", "berlin", "rome"),
                        floats("values_floats", 0.9f, 0.5f, 0.1f),
                        of("default_float", -1f))
                .output("score", ElementType.FLOAT, -1, 1)
                .build();
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }
}
