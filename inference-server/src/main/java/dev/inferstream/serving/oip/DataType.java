/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import dev.inferstream.model.manifest.TensorType;
import java.util.Arrays;

/** The tensor element types of the Open Inference Protocol, with their size in bytes (0: variable, BYTES). */
public enum DataType {
    BOOL(1),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    FP16(2),
    FP32(4),
    FP64(8),
    BYTES(0);

    private final int size;

    DataType(int size) {
        this.size = size;
    }

    /** Bytes per element; 0 for {@link #BYTES}, whose elements carry their own length. */
    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return this == FP16 || this == FP32 || this == FP64;
    }

    public boolean isInteger() {
        return this != BOOL && this != BYTES && !isFloatingPoint();
    }

    /**
     * Parses a protocol datatype name.
     *
     * @throws ServingException (invalid argument) naming {@code tensor} when the name is not a datatype
     */
    public static DataType parse(String name, String tensor) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ServingException.invalid("input '" + tensor + "': unknown datatype '" + name + "' (use one of "
                    + Arrays.toString(values()) + ")");
        }
    }

    /** The protocol datatype of a model input of {@code type}. */
    public static DataType of(TensorType type) {
        return switch (type) {
            case FLOAT32 -> FP32;
            case FLOAT64 -> FP64;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case BOOL -> BOOL;
            case STRING -> BYTES;
        };
    }
}
