/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one feature's (or the score's) first window, from which its bins are learned. Numbers are kept as
 * their bits in a primitive array, so a window of boxed values is not held (and copied by the collector) until the
 * window closes; a value of any other type switches the sample to keeping objects. Either way {@link #learn()}
 * sees exactly the values added.
 */
final class LearningSample {
    private static final byte NULL = 0;
    private static final byte DOUBLE = 1;
    private static final byte FLOAT = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;

    private long[] bits;
    private byte[] kinds;
    private int size;
    /** Every value as added, once one was neither null nor a Double, Float, Integer or Long; else null. */
    private List<Object> values;

    LearningSample(int window) {
        int initial = Math.min(window, 1024);
        bits = new long[initial];
        kinds = new byte[initial];
    }

    void add(Object value) {
        if (values != null) {
            values.add(value);
            return;
        }
        byte kind;
        long b;
        if (value == null) {
            kind = NULL;
            b = 0;
        } else if (value instanceof Double d) {
            kind = DOUBLE;
            b = Double.doubleToRawLongBits(d);
        } else if (value instanceof Float f) {
            kind = FLOAT;
            b = Float.floatToRawIntBits(f);
        } else if (value instanceof Integer i) {
            kind = INT;
            b = i;
        } else if (value instanceof Long l) {
            kind = LONG;
            b = l;
        } else {
            values = boxed();
            values.add(value);
            bits = null;
            kinds = null;
            return;
        }
        if (size == bits.length) {
            bits = Arrays.copyOf(bits, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        bits[size] = b;
        kinds[size++] = kind;
    }

    private List<Object> boxed() {
        List<Object> all = new ArrayList<>(Math.max(16, size * 2));
        for (int i = 0; i < size; i++) {
            all.add(box(i));
        }
        return all;
    }

    private Object box(int i) {
        return switch (kinds[i]) {
            case DOUBLE -> Double.valueOf(Double.longBitsToDouble(bits[i]));
            case FLOAT -> Float.valueOf(Float.intBitsToFloat((int) bits[i]));
            case INT -> Integer.valueOf((int) bits[i]);
            case LONG -> Long.valueOf(bits[i]);
            default -> null;
        };
    }

    /** Value {@code i} as {@link Number#doubleValue()} of its box gives it. */
    private double number(int i) {
        return switch (kinds[i]) {
            case DOUBLE -> Double.longBitsToDouble(bits[i]);
            case FLOAT -> Float.intBitsToFloat((int) bits[i]);
            case INT -> (int) bits[i];
            default -> bits[i];
        };
    }

    /** Bins learned from the sample: deciles of numbers, or the categories' shares. */
    Binning learn() {
        if (values != null) {
            return learnFrom(values);
        }
        double[] sample = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (kinds[i] != NULL) {
                sample[n++] = number(i);
            }
        }
        return Binning.learned(n == 0 ? new double[] {0} : Arrays.copyOf(sample, n));
    }

    /** Bins learned from values of any type: numbers by deciles, anything else by category name. */
    static Binning learnFrom(List<Object> values) {
        boolean numeric = values.stream().allMatch(v -> v == null || v instanceof Number);
        if (numeric) {
            double[] sample = values.stream()
                    .filter(v -> v != null)
                    .mapToDouble(v -> ((Number) v).doubleValue())
                    .toArray();
            return Binning.learned(sample.length == 0 ? new double[] {0} : sample);
        }
        Map<String, Long> counts = new HashMap<>();
        values.stream().filter(v -> v != null).forEach(v -> counts.merge(v.toString(), 1L, Long::sum));
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((category, n) -> shares.put(category, n / (double) values.size()));
        return new Binning.Categorical(shares);
    }
}
