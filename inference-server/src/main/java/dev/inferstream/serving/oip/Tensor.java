/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A named tensor of the protocol: datatype, shape and row-major elements. Numeric elements are held as
 * little-endian bytes (the binary and raw encodings' layout, so those are taken without conversion); BYTES elements
 * as byte arrays. Elements given as JSON {@code null} are recorded as missing. Immutable once built.
 */
public final class Tensor {
    private final String name;
    private final DataType datatype;
    private final long[] shape;
    private final int size;
    private final ByteBuffer numbers;
    private final byte[][] bytes;
    private final BitSet missing;

    private Tensor(String name, DataType datatype, long[] shape, ByteBuffer numbers, byte[][] bytes, BitSet missing) {
        this.name = name;
        this.datatype = datatype;
        this.shape = shape.clone();
        this.size = elements(name, shape);
        this.numbers = numbers == null ? null : numbers.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.bytes = bytes;
        this.missing = missing == null || missing.isEmpty() ? null : missing;
        if (datatype == DataType.FP16) {
            throw ServingException.invalid(
                    "input '" + name + "': FP16 is not supported; send FP32 (the models' inputs are FP32 or wider)");
        }
        int given = datatype == DataType.BYTES ? bytes.length : this.numbers.remaining() / datatype.size();
        if (datatype != DataType.BYTES && this.numbers.remaining() % datatype.size() != 0) {
            throw ServingException.invalid(
                    "input '" + name + "': " + this.numbers.remaining() + " bytes of data is not a"
                            + " whole number of " + datatype + " elements (" + datatype.size() + " bytes each)");
        }
        if (given != size) {
            throw ServingException.invalid("input '" + name + "': shape " + Arrays.toString(shape) + " holds " + size
                    + " elements but the data has " + given);
        }
    }

    /**
     * A numeric (or BOOL) tensor over little-endian bytes.
     *
     * @param missing elements given as null, or null for none
     */
    public static Tensor numeric(
            String name, DataType datatype, long[] shape, ByteBuffer littleEndian, BitSet missing) {
        if (datatype == DataType.BYTES) {
            throw new IllegalArgumentException("BYTES tensors hold byte arrays");
        }
        return new Tensor(name, datatype, shape, littleEndian, null, missing);
    }

    /** A BYTES tensor; null elements are missing. */
    public static Tensor bytes(String name, long[] shape, byte[][] elements) {
        BitSet missing = new BitSet();
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == null) {
                missing.set(i);
            }
        }
        return new Tensor(name, DataType.BYTES, shape, null, elements, missing);
    }

    /** An FP64 tensor. */
    public static Tensor fp64(String name, long[] shape, double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return new Tensor(name, DataType.FP64, shape, buffer, null, null);
    }

    /** A BYTES tensor of UTF-8 strings. */
    public static Tensor strings(String name, long[] shape, String[] values) {
        byte[][] elements = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            elements[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes(name, shape, elements);
    }

    public String name() {
        return name;
    }

    public DataType datatype() {
        return datatype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} of the shape. */
    public long dim(int i) {
        return shape[i];
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** Whether element {@code i} was given as null. */
    public boolean isMissing(int i) {
        return missing != null && missing.get(i);
    }

    public boolean hasMissing() {
        return missing != null;
    }

    /** Numeric element {@code i} as a double (BOOL: 0 or 1). */
    public double number(int i) {
        ByteBuffer b = numbers;
        return switch (datatype) {
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            case UINT8 -> b.get(i) & 0xff;
            case UINT16 -> b.getShort(i * 2) & 0xffff;
            case UINT32 -> b.getInt(i * 4) & 0xffffffffL;
            case UINT64 -> unsigned(b.getLong(i * 8));
            case INT8 -> b.get(i);
            case INT16 -> b.getShort(i * 2);
            case INT32 -> b.getInt(i * 4);
            case INT64 -> b.getLong(i * 8);
            case FP32 -> b.getFloat(i * 4);
            case FP64 -> b.getDouble(i * 8);
            case FP16, BYTES -> throw new IllegalStateException(datatype + " has no numeric elements");
        };
    }

    /** Element {@code i} as a 32-bit float; exact for FP32 tensors. */
    public float float32(int i) {
        return datatype == DataType.FP32 ? numbers.getFloat(i * 4) : (float) number(i);
    }

    /** Element {@code i} as a long; exact for integer tensors. */
    public long int64(int i) {
        return switch (datatype) {
            case INT64, UINT64 -> numbers.getLong(i * 8);
            case INT32 -> numbers.getInt(i * 4);
            default -> (long) number(i);
        };
    }

    /**
     * Element {@code i} boxed as a record field holds it: Boolean, Integer or Long for integers, Float, Double, or a
     * String for BYTES; null when missing.
     */
    public Object boxed(int i) {
        if (isMissing(i)) {
            return null;
        }
        return switch (datatype) {
            case BYTES -> new String(bytes[i], StandardCharsets.UTF_8);
            case BOOL -> numbers.get(i) != 0;
            case UINT8, UINT16, INT8, INT16, INT32 -> (int) number(i);
            case UINT32, INT64 -> int64(i);
            case UINT64 -> unsigned(numbers.getLong(i * 8));
            case FP32 -> numbers.getFloat(i * 4);
            case FP64 -> numbers.getDouble(i * 8);
            case FP16 -> throw new IllegalStateException("FP16 is not supported");
        };
    }

    /** BYTES element {@code i}. */
    public byte[] element(int i) {
        return bytes[i];
    }

    /** The little-endian element bytes of a numeric tensor (a read-only view). */
    public ByteBuffer littleEndian() {
        return numbers.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The binary encoding of the elements: little-endian numbers as they are, BYTES as 4-byte little-endian length
     * followed by the bytes, per element.
     */
    public byte[] binary() {
        if (datatype != DataType.BYTES) {
            byte[] out = new byte[numbers.remaining()];
            numbers.duplicate().get(out);
            return out;
        }
        int total = 0;
        for (byte[] b : bytes) {
            total += 4 + (b == null ? 0 : b.length);
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] b : bytes) {
            out.putInt(b == null ? 0 : b.length);
            if (b != null) {
                out.put(b);
            }
        }
        return out.array();
    }

    /**
     * Reads the binary encoding of a tensor (the binary tensor data extension, gRPC raw contents).
     *
     * @throws ServingException naming the tensor when the bytes do not hold its elements
     */
    public static Tensor fromBinary(String name, DataType datatype, long[] shape, ByteBuffer data) {
        if (datatype != DataType.BYTES) {
            return numeric(name, datatype, shape, data, null);
        }
        ByteBuffer in = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> elements = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 4) {
                throw ServingException.invalid("input '" + name + "': truncated BYTES element length");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw ServingException.invalid("input '" + name + "': a BYTES element claims "
                        + Integer.toUnsignedString(length) + " bytes but only " + in.remaining() + " remain");
            }
            byte[] element = new byte[length];
            in.get(element);
            elements.add(element);
        }
        return bytes(name, shape, elements.toArray(byte[][]::new));
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }

    private static int elements(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw ServingException.invalid(
                        "input '" + name + "': shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw ServingException.invalid(
                        "input '" + name + "': shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + datatype + " " + Arrays.toString(shape) + "]";
    }
}
