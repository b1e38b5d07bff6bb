/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.GraphProto;
import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.ModelProto;
import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.TensorProto;
import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operators, constants and inputs of an ONNX model, read with the ONNX protobuf schema, so the exact explainers
 * can find a tree ensemble or a linear layer and check how it reaches the explained output.
 */
public final class ModelGraph {
    /** Operators that pass values through without mixing in anything that depends on other inputs. */
    private static final Set<String> PASS_THROUGH = Set.of("Identity", "Cast");

    private final List<GraphNode> nodes = new ArrayList<>();
    private final Map<String, GraphNode> producers = new HashMap<>();
    private final Map<String, List<GraphNode>> consumers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Set<String> inputs = new LinkedHashSet<>();

    private ModelGraph(GraphProto graph) {
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        for (ValueInfoProto input : graph.getInputList()) {
            if (!constants.containsKey(input.getName())) {
                inputs.add(input.getName());
            }
        }
        graph.getNodeList().forEach(proto -> {
            GraphNode node = new GraphNode(proto);
            nodes.add(node);
            node.outputs().forEach(o -> producers.put(o, node));
            node.inputs()
                    .forEach(i ->
                            consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(node));
            if (node.opType().equals("Constant") && node.domain().isEmpty() && node.attribute("value") != null) {
                constants.put(node.outputs().get(0), node.attribute("value").getT());
            }
        });
    }

    /** Parses {@code model.onnx}. */
    public static ModelGraph parse(byte[] onnx) throws GraphException {
        try {
            return new ModelGraph(ModelProto.parseFrom(onnx).getGraph());
        } catch (InvalidProtocolBufferException e) {
            throw new GraphException("model.onnx is not an ONNX ModelProto: " + e.getMessage(), e);
        }
    }

    public List<GraphNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node computing {@code tensor}, empty for graph inputs and constants. */
    public Optional<GraphNode> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    public boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    /** The values of an initializer or {@code Constant} output, flattened. */
    public double[] constant(String tensor) throws GraphException {
        TensorProto t = constants.get(tensor);
        if (t == null) {
            throw new GraphException("'" + tensor + "' is not a constant of the graph");
        }
        return Tensors.values(t);
    }

    public long[] constantShape(String tensor) {
        TensorProto t = constants.get(tensor);
        return t == null ? new long[0] : Tensors.dims(t);
    }

    /** The graph input {@code tensor} comes from through Identity and Cast nodes only, if any. */
    public Optional<String> graphInputBehind(String tensor) {
        String current = tensor;
        while (true) {
            if (inputs.contains(current)) {
                return Optional.of(current);
            }
            GraphNode node = producers.get(current);
            if (node == null
                    || !PASS_THROUGH.contains(node.opType())
                    || !node.domain().isEmpty()) {
                return Optional.empty();
            }
            current = node.inputs().get(0);
        }
    }

    /**
     * The nodes on some path from {@code from} to {@code to} other than {@code from}'s own producer; an empty set when
     * {@code to} does not depend on {@code from} at all.
     */
    public Set<GraphNode> nodesBetween(String from, String to) {
        Set<GraphNode> downstream = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        while (!pending.isEmpty()) {
            for (GraphNode node : consumers.getOrDefault(pending.pop(), List.of())) {
                if (downstream.add(node)) {
                    pending.addAll(node.outputs());
                }
            }
        }
        Set<GraphNode> between = new LinkedHashSet<>();
        Deque<String> back = new ArrayDeque<>(List.of(to));
        Set<String> seen = new HashSet<>();
        while (!back.isEmpty()) {
            String tensor = back.pop();
            GraphNode node = producers.get(tensor);
            if (!seen.add(tensor) || node == null || !downstream.contains(node)) {
                continue;
            }
            between.add(node);
            back.addAll(node.inputs());
        }
        return between;
    }

    /** Every input of {@code node} other than {@code except} is a constant. */
    public boolean otherInputsConstant(GraphNode node, Set<String> except) {
        return node.inputs().stream().allMatch(i -> i.isEmpty() || except.contains(i) || isConstant(i));
    }
}
