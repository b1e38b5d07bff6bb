/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The {@code data} of a JSON tensor, read before its datatype may be known: elements are flattened in row-major
 * order (nested or flat arrays both work) and turned into a {@link Tensor} once name, datatype and shape are read.
 */
final class JsonData {
    private static final byte NUMBER = 1;
    private static final byte INTEGER = 2;
    private static final byte BOOLEAN = 3;
    private static final byte TEXT = 4;
    private static final byte NULL = 5;

    private byte[] kinds = new byte[32];
    private double[] doubles = new double[32];
    private long[] longs = new long[32];
    private String[] texts;
    private int size;

    /** Reads the array (or single value) the parser is at. */
    static JsonData read(JsonParser p) throws IOException {
        JsonData data = new JsonData();
        data.value(p, p.currentToken());
        return data;
    }

    private void value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_ARRAY -> {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    value(p, t);
                }
            }
            case VALUE_NUMBER_INT -> {
                int i = add(INTEGER);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    longs[i] = p.getBigIntegerValue().longValue();
                    doubles[i] = p.getBigIntegerValue().doubleValue();
                } else {
                    longs[i] = p.getLongValue();
                    doubles[i] = longs[i];
                }
            }
            case VALUE_NUMBER_FLOAT -> doubles[add(NUMBER)] = p.getDoubleValue();
            case VALUE_TRUE -> longs[add(BOOLEAN)] = 1;
            case VALUE_FALSE -> longs[add(BOOLEAN)] = 0;
            case VALUE_NULL -> add(NULL);
            case VALUE_STRING -> {
                int i = add(TEXT);
                if (texts == null) {
                    texts = new String[kinds.length];
                }
                texts[i] = p.getText();
            }
            default ->
                throw ServingException.invalid(
                        "tensor data must be numbers, strings, booleans or arrays of " + "them, not " + token);
        }
    }

    private int add(byte kind) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            doubles = Arrays.copyOf(doubles, capacity);
            longs = Arrays.copyOf(longs, capacity);
            if (texts != null) {
                texts = Arrays.copyOf(texts, capacity);
            }
        }
        if (texts != null && texts.length < kinds.length) {
            texts = Arrays.copyOf(texts, kinds.length);
        }
        kinds[size] = kind;
        return size++;
    }

    Tensor toTensor(String name, DataType datatype, long[] shape) {
        BitSet missing = new BitSet();
        if (datatype == DataType.BYTES) {
            byte[][] elements = new byte[size][];
            for (int i = 0; i < size; i++) {
                switch (kinds[i]) {
                    case TEXT -> elements[i] = texts[i].getBytes(StandardCharsets.UTF_8);
                    case NULL -> elements[i] = null;
                    default -> throw wrong(name, i, datatype, "BYTES elements are JSON strings");
                }
            }
            return Tensor.bytes(name, shape, elements);
        }
        if (datatype.size() == 0 || datatype == DataType.FP16) {
            return Tensor.numeric(name, datatype, shape, ByteBuffer.allocate(0), null);
        }
        ByteBuffer out = ByteBuffer.allocate(size * datatype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            byte kind = kinds[i];
            if (kind == NULL) {
                missing.set(i);
                continue;
            }
            if (kind == TEXT) {
                throw wrong(name, i, datatype, "'" + abbreviate(texts[i]) + "' is a string");
            }
            put(name, out, datatype, i, kind);
        }
        return Tensor.numeric(name, datatype, shape, out, missing);
    }

    private void put(String name, ByteBuffer out, DataType datatype, int i, byte kind) {
        switch (datatype) {
            case FP32 -> out.putFloat(i * 4, (float) doubles[i]);
            case FP64 -> out.putDouble(i * 8, doubles[i]);
            case BOOL -> {
                if (kind != BOOLEAN && !(kind == INTEGER && (longs[i] == 0 || longs[i] == 1))) {
                    throw wrong(name, i, datatype, "BOOL elements are true or false");
                }
                out.put(i, (byte) longs[i]);
            }
            default -> {
                if (kind == NUMBER) {
                    throw wrong(name, i, datatype, doubles[i] + " is not an integer");
                }
                long v = longs[i];
                if (!fits(datatype, v)) {
                    throw wrong(name, i, datatype, v + " is out of range");
                }
                switch (datatype.size()) {
                    case 1 -> out.put(i, (byte) v);
                    case 2 -> out.putShort(i * 2, (short) v);
                    case 4 -> out.putInt(i * 4, (int) v);
                    default -> out.putLong(i * 8, v);
                }
            }
        }
    }

    private static boolean fits(DataType datatype, long v) {
        return switch (datatype) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xff;
            case UINT16 -> v >= 0 && v <= 0xffff;
            case UINT32 -> v >= 0 && v <= 0xffffffffL;
            default -> true;
        };
    }

    private static ServingException wrong(String name, int i, DataType datatype, String why) {
        return ServingException.invalid(
                "input '" + name + "': element " + i + " does not fit datatype " + datatype + ": " + why);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
