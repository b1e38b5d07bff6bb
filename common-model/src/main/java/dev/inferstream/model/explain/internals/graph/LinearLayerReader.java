/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a linear layer applied directly to a graph input: {@code MatMul} with a constant matrix (plus an
 * {@code Add} of a constant bias), {@code Gemm} with constant B and C, or the ai.onnx.ml {@code LinearClassifier}
 * and {@code LinearRegressor}.
 */
public final class LinearLayerReader {
    private LinearLayerReader() {}

    /** The linear layers of the graph that read a graph input, in graph order. */
    public static List<LinearLayer> find(ModelGraph graph) throws GraphException {
        List<LinearLayer> layers = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            if (node.inputs().isEmpty()
                    || graph.graphInputBehind(node.inputs().get(0)).isEmpty()) {
                continue;
            }
            Optional<LinearLayer> layer = switch (node.domain() + ":" + node.opType()) {
                case ":MatMul" -> matMul(graph, node);
                case ":Gemm" -> gemm(graph, node);
                case "ai.onnx.ml:LinearClassifier", "ai.onnx.ml:LinearRegressor" -> Optional.of(ml(node));
                default -> Optional.empty();
            };
            layer.ifPresent(layers::add);
        }
        return layers;
    }

    private static Optional<LinearLayer> matMul(ModelGraph graph, GraphNode node) throws GraphException {
        String b = node.inputs().get(1);
        long[] shape = graph.constantShape(b);
        if (!graph.isConstant(b) || shape.length != 2) {
            return Optional.empty();
        }
        int features = (int) shape[0];
        int outputs = (int) shape[1];
        double[] flat = graph.constant(b);
        double[][] weights = new double[outputs][features];
        for (int j = 0; j < features; j++) {
            for (int k = 0; k < outputs; k++) {
                weights[k][j] = flat[j * outputs + k];
            }
        }
        double[] bias = new double[outputs];
        List<GraphNode> nodes = new ArrayList<>(List.of(node));
        String output = node.outputs().get(0);
        Optional<GraphNode> add = soleConsumer(graph, output, "Add");
        if (add.isPresent()) {
            String other = add.get().inputs().get(0).equals(output)
                    ? add.get().inputs().get(1)
                    : add.get().inputs().get(0);
            if (graph.isConstant(other)) {
                double[] values = broadcast(graph.constant(other), outputs);
                if (values != null) {
                    bias = values;
                    nodes.add(add.get());
                    output = add.get().outputs().get(0);
                }
            }
        }
        return Optional.of(
                new LinearLayer(node.inputs().get(0), output, nodes, weights, bias, TreeEnsemble.PostTransform.NONE));
    }

    private static Optional<LinearLayer> gemm(ModelGraph graph, GraphNode node) throws GraphException {
        String b = node.inputs().get(1);
        long[] shape = graph.constantShape(b);
        if (!graph.isConstant(b) || shape.length != 2 || node.integer("transA", 0) != 0) {
            return Optional.empty();
        }
        boolean transB = node.integer("transB", 0) != 0;
        int features = (int) (transB ? shape[1] : shape[0]);
        int outputs = (int) (transB ? shape[0] : shape[1]);
        double alpha = node.real("alpha", 1);
        double beta = node.real("beta", 1);
        double[] flat = graph.constant(b);
        double[][] weights = new double[outputs][features];
        for (int j = 0; j < features; j++) {
            for (int k = 0; k < outputs; k++) {
                weights[k][j] = alpha * (transB ? flat[k * features + j] : flat[j * outputs + k]);
            }
        }
        double[] bias = new double[outputs];
        if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
            String c = node.inputs().get(2);
            double[] values = graph.isConstant(c) ? broadcast(graph.constant(c), outputs) : null;
            if (values == null) {
                return Optional.empty();
            }
            for (int k = 0; k < outputs; k++) {
                bias[k] = beta * values[k];
            }
        }
        return Optional.of(new LinearLayer(
                node.inputs().get(0),
                node.outputs().get(0),
                List.of(node),
                weights,
                bias,
                TreeEnsemble.PostTransform.NONE));
    }

    private static LinearLayer ml(GraphNode node) throws GraphException {
        boolean classifier = node.opType().equals("LinearClassifier");
        double[] coefficients = node.floats("coefficients");
        double[] intercepts = node.floats("intercepts");
        int outputs = classifier
                ? (intercepts.length > 0
                        ? intercepts.length
                        : Math.max(
                                node.ints("classlabels_ints").length,
                                node.strings("classlabels_strings").size()))
                : (int) node.integer("targets", 1);
        if (outputs == 0 || coefficients.length == 0 || coefficients.length % outputs != 0) {
            throw new GraphException(
                    node.label() + ": " + coefficients.length + " coefficients do not split into " + outputs + " rows");
        }
        int features = coefficients.length / outputs;
        double[][] weights = new double[outputs][features];
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(coefficients, k * features, weights[k], 0, features);
        }
        double[] bias = intercepts.length == outputs ? intercepts : new double[outputs];
        String transform = node.string("post_transform", "NONE");
        TreeEnsemble.PostTransform post;
        try {
            post = TreeEnsemble.PostTransform.valueOf(transform);
        } catch (IllegalArgumentException e) {
            throw new GraphException(node.label() + ": unknown post_transform " + transform, e);
        }
        String output = node.outputs().get(classifier ? 1 : 0);
        return new LinearLayer(node.inputs().get(0), output, List.of(node), weights, bias, post);
    }

    private static Optional<GraphNode> soleConsumer(ModelGraph graph, String tensor, String opType) {
        List<GraphNode> consumers =
                graph.nodes().stream().filter(n -> n.inputs().contains(tensor)).toList();
        return consumers.size() == 1
                        && consumers.get(0).opType().equals(opType)
                        && consumers.get(0).domain().isEmpty()
                ? Optional.of(consumers.get(0))
                : Optional.empty();
    }

    /** A bias of {@code n} values from a constant of n values or a single value; null otherwise. */
    private static double[] broadcast(double[] values, int n) {
        if (values.length == n) {
            return values;
        }
        if (values.length == 1) {
            double[] out = new double[n];
            Arrays.fill(out, values[0]);
            return out;
        }
        return null;
    }
}
