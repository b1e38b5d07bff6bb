/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

import dev.inferstream.model.explain.internals.graph.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes the values of a {@code TensorProto} (typed fields or little-endian {@code raw_data}) into doubles. */
final class Tensors {
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;
    private static final int EXTERNAL = 1;

    private Tensors() {}

    static double[] values(TensorProto tensor) throws GraphException {
        if (tensor.getDataLocation().getNumber() == EXTERNAL) {
            throw new GraphException("tensor '" + tensor.getName() + "' keeps its data in an external file");
        }
        boolean raw = !tensor.getRawData().isEmpty();
        ByteBuffer bytes = raw ? tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
        return switch (tensor.getDataType()) {
            case FLOAT -> {
                if (raw) {
                    double[] out = new double[bytes.remaining() / 4];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = bytes.getFloat(i * 4);
                    }
                    yield out;
                }
                yield tensor.getFloatDataList().stream()
                        .mapToDouble(Float::doubleValue)
                        .toArray();
            }
            case DOUBLE -> {
                if (raw) {
                    double[] out = new double[bytes.remaining() / 8];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = bytes.getDouble(i * 8);
                    }
                    yield out;
                }
                yield tensor.getDoubleDataList().stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
            }
            case INT64 -> {
                if (raw) {
                    double[] out = new double[bytes.remaining() / 8];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = bytes.getLong(i * 8);
                    }
                    yield out;
                }
                yield tensor.getInt64DataList().stream()
                        .mapToDouble(Long::doubleValue)
                        .toArray();
            }
            case INT32, UINT8, INT8 -> {
                if (raw) {
                    int width = tensor.getDataType() == INT32 ? 4 : 1;
                    double[] out = new double[bytes.remaining() / width];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = width == 4
                                ? bytes.getInt(i * 4)
                                : tensor.getDataType() == UINT8 ? Byte.toUnsignedInt(bytes.get(i)) : bytes.get(i);
                    }
                    yield out;
                }
                yield tensor.getInt32DataList().stream()
                        .mapToDouble(Integer::doubleValue)
                        .toArray();
            }
            default ->
                throw new GraphException("tensor '" + tensor.getName() + "' has element type " + tensor.getDataType()
                        + ", which the explainers do not read");
        };
    }

    /** The tensor's shape. */
    static long[] dims(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }
}
