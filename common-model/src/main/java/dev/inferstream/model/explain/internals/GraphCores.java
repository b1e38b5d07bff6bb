/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.internals.graph.GraphException;
import dev.inferstream.model.explain.internals.graph.GraphNode;
import dev.inferstream.model.explain.internals.graph.LinearLayer;
import dev.inferstream.model.explain.internals.graph.LinearLayerReader;
import dev.inferstream.model.explain.internals.graph.ModelGraph;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble;
import dev.inferstream.model.explain.internals.graph.TreeEnsembleReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the part of a graph an exact explainer can work on — a tree ensemble or a linear layer reading a model input
 * — and checks that the explained output depends on the inputs only through it, followed by nothing but
 * value-preserving post-processing (sigmoid, softmax, the {@code 1 − p} column, ZipMap, casts, reshapes).
 */
final class GraphCores {
    private static final Set<String> POST_PROCESSING = Set.of(
            ":Identity",
            ":Cast",
            ":Sigmoid",
            ":Softmax",
            ":Sub",
            ":Concat",
            ":Reshape",
            ":Flatten",
            ":Squeeze",
            ":Unsqueeze",
            "ai.onnx.ml:ZipMap",
            "ai.onnx.ml:Normalizer");

    private GraphCores() {}

    /** The tree ensemble the explained output comes from, with the index of the manifest input it reads. */
    static TreeEnsemble tree(ModelGraph graph, Target target, Players players) throws ExplainException {
        List<GraphNode> trees = graph.nodes().stream()
                .filter(TreeEnsembleReader::isTreeEnsemble)
                .toList();
        if (trees.size() != 1) {
            throw new ExplainException(
                    trees.isEmpty()
                            ? "the graph has no tree-ensemble operator"
                            : "the graph has " + trees.size() + " tree-ensemble operators; exact TreeSHAP needs one");
        }
        TreeEnsemble ensemble;
        try {
            ensemble = TreeEnsembleReader.read(trees.get(0));
        } catch (GraphException e) {
            throw new ExplainException(e.getMessage(), e);
        }
        int input = check(graph, target, players, ensemble.input(), ensemble.output(), Set.of(trees.get(0)));
        if (ensemble.maxFeature() >= players.inputWidth(input)) {
            throw new ExplainException("the trees read feature " + ensemble.maxFeature() + " but the input has "
                    + players.inputWidth(input) + " slots");
        }
        return ensemble;
    }

    /** The linear layer the explained output comes from. */
    static LinearLayer linear(ModelGraph graph, Target target, Players players) throws ExplainException {
        List<LinearLayer> layers;
        try {
            layers = LinearLayerReader.find(graph);
        } catch (GraphException e) {
            throw new ExplainException(e.getMessage(), e);
        }
        if (layers.size() != 1) {
            throw new ExplainException(
                    layers.isEmpty()
                            ? "no MatMul, Gemm, LinearClassifier or LinearRegressor with constant weights reads a model input"
                            : "the graph has " + layers.size() + " linear layers reading model inputs");
        }
        LinearLayer layer = layers.get(0);
        int input = check(graph, target, players, layer.input(), layer.output(), Set.copyOf(layer.nodes()));
        if (layer.features() != players.inputWidth(input)) {
            throw new ExplainException("the linear layer has " + layer.features() + " weights per output but the input"
                    + " has " + players.inputWidth(input) + " slots");
        }
        return layer;
    }

    /** The index of the manifest input that {@code coreInput} is, after checking every path to the target. */
    static int check(
            ModelGraph graph, Target target, Players players, String coreInput, String coreOutput, Set<GraphNode> core)
            throws ExplainException {
        String graphInput = graph.graphInputBehind(coreInput)
                .orElseThrow(
                        () -> new ExplainException("'" + coreInput + "' is computed from the inputs, not an input"));
        int input = players.inputOf(graphInput);
        if (input < 0) {
            throw new ExplainException("graph input '" + graphInput + "' is not a manifest input");
        }
        if (!coreOutput.equals(target.output())
                && graph.nodesBetween(coreOutput, target.output()).isEmpty()) {
            throw new ExplainException("the explained output '" + target.output() + "' does not come from "
                    + core.iterator().next().label());
        }
        Set<GraphNode> between = new HashSet<>(graph.nodesBetween(graphInput, target.output()));
        between.removeAll(core);
        Set<String> foreign = between.stream()
                .filter(n -> !POST_PROCESSING.contains(n.domain() + ":" + n.opType()))
                .map(GraphNode::label)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!foreign.isEmpty()) {
            throw new ExplainException("the explained output also depends on " + foreign + " besides "
                    + core.iterator().next().label());
        }
        for (String other : players.inputTensors()) {
            if (!other.equals(graphInput)
                    && !graph.nodesBetween(other, target.output()).isEmpty()) {
                throw new ExplainException("the explained output also depends on input '" + other + "'");
            }
        }
        return input;
    }
}
