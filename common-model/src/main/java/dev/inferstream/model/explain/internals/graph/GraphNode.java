/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.AttributeProto;
import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One operator of an ONNX graph, with typed access to its attributes. */
public final class GraphNode {
    private final NodeProto proto;
    private final Map<String, AttributeProto> attributes = new HashMap<>();

    GraphNode(NodeProto proto) {
        this.proto = proto;
        proto.getAttributeList().forEach(a -> attributes.put(a.getName(), a));
    }

    public String opType() {
        return proto.getOpType();
    }

    /** The operator's domain: empty for the default ONNX domain, {@code ai.onnx.ml} for the ML operators. */
    public String domain() {
        return proto.getDomain().equals("ai.onnx") ? "" : proto.getDomain();
    }

    public List<String> inputs() {
        return proto.getInputList();
    }

    public List<String> outputs() {
        return proto.getOutputList();
    }

    /** The node's name, or its op type and first output when it has none, for messages. */
    public String label() {
        return proto.getName().isEmpty() ? opType() + "(" + String.join(",", outputs()) + ")" : proto.getName();
    }

    boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    long[] ints(String attribute) {
        AttributeProto a = attributes.get(attribute);
        return a == null
                ? new long[0]
                : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    double[] floats(String attribute) {
        AttributeProto a = attributes.get(attribute);
        return a == null
                ? new double[0]
                : a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
    }

    /** A float list attribute, or its {@code *_as_tensor} double twin, or empty. */
    double[] floatsOrTensor(String attribute) throws GraphException {
        AttributeProto tensor = attributes.get(attribute + "_as_tensor");
        return tensor != null ? Tensors.values(tensor.getT()) : floats(attribute);
    }

    /** A tensor attribute's values, or empty when absent. */
    double[] tensor(String attribute) throws GraphException {
        AttributeProto a = attributes.get(attribute);
        return a == null ? new double[0] : Tensors.values(a.getT());
    }

    long integer(String attribute, long fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getI();
    }

    double real(String attribute, double fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getF();
    }

    String string(String attribute, String fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    List<String> strings(String attribute) {
        AttributeProto a = attributes.get(attribute);
        return a == null
                ? List.of()
                : a.getStringsList().stream()
                        .map(s -> s.toString(StandardCharsets.UTF_8))
                        .toList();
    }

    AttributeProto attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return label();
    }
}
