/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds ONNX models ({@code ModelProto} bytes) from nodes, initializers and typed inputs and outputs, so that
 * tests and demos make their own models instead of shipping binaries.
 *
 * <pre>{@code
 * byte[] model = OnnxGraph.named("lr")
 *     .input("features", ElementType.FLOAT, -1, 30)
 *     .initializer("W", new long[] {30, 1}, weights)
 *     .node("MatMul", List.of("features", "W"), List.of("logit"))
 *     .node("Sigmoid", List.of("logit"), List.of("score"))
 *     .output("score", ElementType.FLOAT, -1, 1)
 *     .build();
 * }</pre>
 */
public final class OnnxGraph {
    /** ONNX tensor element types (TensorProto.DataType). */
    public enum ElementType {
        FLOAT(1),
        INT32(6),
        INT64(7),
        STRING(8),
        BOOL(9),
        DOUBLE(11);

        final int code;

        ElementType(int code) {
            this.code = code;
        }
    }

    private final String name;
    private final ProtoWriter graph = new ProtoWriter();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int opset = 17;
    private int mlOpset = 3;
    private int nodeCount;

    private OnnxGraph(String name) {
        this.name = name;
    }

    public static OnnxGraph named(String name) {
        return new OnnxGraph(name);
    }

    public OnnxGraph opset(int defaultDomain, int mlDomain) {
        this.opset = defaultDomain;
        this.mlOpset = mlDomain;
        return this;
    }

    /** A graph input; a dimension of -1 is dynamic (the batch axis). */
    public OnnxGraph input(String tensor, ElementType type, long... dims) {
        inputs.add(valueInfo(tensor, tensorType(type, dims)));
        return this;
    }

    public OnnxGraph output(String tensor, ElementType type, long... dims) {
        outputs.add(valueInfo(tensor, tensorType(type, dims)));
        return this;
    }

    /** An output of type {@code seq(map(int64, float))}, what ZipMap produces. */
    public OnnxGraph zipMapOutput(String tensor, ElementType keyType) {
        ProtoWriter map = new ProtoWriter().varint(1, keyType.code).message(2, tensorType(ElementType.FLOAT));
        ProtoWriter mapType = new ProtoWriter().message(5, map);
        ProtoWriter sequence = new ProtoWriter().message(1, mapType);
        outputs.add(valueInfo(tensor, new ProtoWriter().message(4, sequence)));
        return this;
    }

    public OnnxGraph initializer(String tensor, long[] dims, float[] values) {
        ProtoWriter t = new ProtoWriter()
                .packedVarints(1, dims)
                .varint(2, ElementType.FLOAT.code)
                .packedFloats(4, values)
                .string(8, tensor);
        graph.message(5, t);
        return this;
    }

    public OnnxGraph initializer(String tensor, long[] dims, long[] values) {
        ProtoWriter t = new ProtoWriter()
                .packedVarints(1, dims)
                .varint(2, ElementType.INT64.code)
                .packedVarints(7, values)
                .string(8, tensor);
        graph.message(5, t);
        return this;
    }

    public OnnxGraph node(String opType, List<String> in, List<String> out, Attribute... attributes) {
        return node("", opType, in, out, attributes);
    }

    /** A node of the {@code ai.onnx.ml} domain (tree ensembles, ZipMap, LabelEncoder, …). */
    public OnnxGraph mlNode(String opType, List<String> in, List<String> out, Attribute... attributes) {
        return node("ai.onnx.ml", opType, in, out, attributes);
    }

    private OnnxGraph node(String domain, String opType, List<String> in, List<String> out, Attribute... attributes) {
        ProtoWriter n = new ProtoWriter();
        in.forEach(i -> n.string(1, i));
        out.forEach(o -> n.string(2, o));
        n.string(3, opType.toLowerCase() + "_" + nodeCount++).string(4, opType);
        for (Attribute a : attributes) {
            n.message(5, a.proto);
        }
        if (!domain.isEmpty()) {
            n.string(7, domain);
        }
        graph.message(1, n);
        return this;
    }

    /** The serialized {@code ModelProto}. */
    public byte[] build() {
        ProtoWriter g = new ProtoWriter().raw(graph.toByteArray()).string(2, name);
        inputs.forEach(i -> g.message(11, i));
        outputs.forEach(o -> g.message(12, o));
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "inferstream-testkit")
                .string(3, "1")
                .message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset))
                .message(8, new ProtoWriter().string(1, "ai.onnx.ml").varint(2, mlOpset))
                .toByteArray();
    }

    private static ProtoWriter valueInfo(String name, ProtoWriter type) {
        return new ProtoWriter().string(1, name).message(2, type);
    }

    private static ProtoWriter tensorType(ElementType type, long... dims) {
        ProtoWriter tensor = new ProtoWriter().varint(1, type.code);
        if (dims.length > 0) {
            ProtoWriter shape = new ProtoWriter();
            for (int i = 0; i < dims.length; i++) {
                ProtoWriter dim = dims[i] < 0
                        ? new ProtoWriter().string(2, i == 0 ? "N" : "d" + i)
                        : new ProtoWriter().varint(1, dims[i]);
                shape.message(1, dim);
            }
            tensor.message(2, shape);
        }
        return new ProtoWriter().message(1, tensor);
    }

    /** A node attribute. */
    public static final class Attribute {
        private static final int UINT8 = 2;
        final ProtoWriter proto;

        private Attribute(ProtoWriter proto) {
            this.proto = proto;
        }

        public static Attribute of(String name, long value) {
            return new Attribute(
                    new ProtoWriter().string(1, name).varint(3, value).varint(20, 2));
        }

        public static Attribute of(String name, float value) {
            return new Attribute(
                    new ProtoWriter().string(1, name).fixed32(2, value).varint(20, 1));
        }

        public static Attribute of(String name, String value) {
            return new Attribute(
                    new ProtoWriter().string(1, name).string(4, value).varint(20, 3));
        }

        public static Attribute floats(String name, float... values) {
            return new Attribute(
                    new ProtoWriter().string(1, name).packedFloats(7, values).varint(20, 6));
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(
                    new ProtoWriter().string(1, name).packedVarints(8, values).varint(20, 7));
        }

        /** A float tensor attribute of shape {@code [values.length]}, e.g. opset-5 {@code nodes_splits}. */
        public static Attribute floatTensor(String name, float... values) {
            ProtoWriter tensor = new ProtoWriter()
                    .packedVarints(1, new long[] {values.length})
                    .varint(2, ElementType.FLOAT.code)
                    .packedFloats(4, values);
            return tensor(name, tensor);
        }

        /** A double tensor attribute, e.g. {@code nodes_values_as_tensor} or {@code base_values_as_tensor}. */
        public static Attribute doubleTensor(String name, double... values) {
            ProtoWriter tensor = new ProtoWriter()
                    .packedVarints(1, new long[] {values.length})
                    .varint(2, ElementType.DOUBLE.code)
                    .packedDoubles(10, values);
            return tensor(name, tensor);
        }

        /** A uint8 tensor attribute (stored in {@code int32_data}), e.g. opset-5 {@code nodes_modes}. */
        public static Attribute uint8Tensor(String name, long... values) {
            ProtoWriter tensor = new ProtoWriter()
                    .packedVarints(1, new long[] {values.length})
                    .varint(2, UINT8)
                    .packedVarints(5, values);
            return tensor(name, tensor);
        }

        private static Attribute tensor(String name, ProtoWriter tensor) {
            return new Attribute(
                    new ProtoWriter().string(1, name).message(5, tensor).varint(20, 4));
        }

        public static Attribute strings(String name, String... values) {
            ProtoWriter p = new ProtoWriter().string(1, name);
            for (String v : values) {
                p.string(9, v);
            }
            return new Attribute(p.varint(20, 8));
        }
    }
}
