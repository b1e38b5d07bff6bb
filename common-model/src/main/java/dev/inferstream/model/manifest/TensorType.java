/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

/** Element types of model input tensors, as written in {@code model.yaml}. */
public enum TensorType {
    FLOAT32(4),
    FLOAT64(8),
    INT32(4),
    INT64(8),
    BOOL(1),
    STRING(0);

    private final int bytes;

    TensorType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element in a native buffer; 0 for strings, which ONNX Runtime takes as arrays. */
    public int bytes() {
        return bytes;
    }

    static TensorType parse(String text) {
        return switch (text.toLowerCase()) {
            case "float", "float32" -> FLOAT32;
            case "double", "float64" -> FLOAT64;
            case "int32" -> INT32;
            case "int64", "long" -> INT64;
            case "bool", "boolean" -> BOOL;
            case "string" -> STRING;
            default ->
                throw new IllegalArgumentException(
                        "unknown tensor type '" + text + "': use float32, float64, int32, int64, bool or string");
        };
    }
}
