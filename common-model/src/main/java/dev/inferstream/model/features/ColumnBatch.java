/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch of records given as columns of top-level fields rather than as one object per record: what a columnar file
 * reader fills, and what {@code LoadedModel} encodes straight into its input tensors. {@link #row(int)} reads one
 * record through the ordinary {@link FieldSource} path, with the Java types an Avro record would hold (Double, Float,
 * Long, Integer, Boolean, String), so routing and dead letters see exactly what the per-record path sees.
 *
 * <pre>{@code
 * ColumnBatch batch = new ColumnBatch(1024);
 * double[] amount = batch.column(FieldPath.parse("amount"), ColumnBatch.Kind.DOUBLE).numbers();
 * }</pre>
 */
public final class ColumnBatch {
    /** How a column's values are held and what Java type a record read through {@link #row(int)} gives. */
    public enum Kind {
        DOUBLE,
        FLOAT,
        LONG,
        INT,
        BOOLEAN,
        STRING;

        /** Whether the column holds numbers (in {@link Column#numbers()} or {@link Column#longs()}). */
        public boolean numeric() {
            return this != STRING;
        }
    }

    private final int capacity;
    private final Map<FieldPath, Column> columns = new LinkedHashMap<>();
    private int size;

    public ColumnBatch(int capacity) {
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Records in the batch. */
    public int size() {
        return size;
    }

    public void size(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException(rows + " rows do not fit a batch of " + capacity);
        }
        this.size = rows;
    }

    /** The column of top-level field {@code path}, added (empty) on first use. */
    public Column column(FieldPath path, Kind kind) {
        Column column = columns.computeIfAbsent(path, p -> new Column(kind, capacity));
        if (column.kind != kind) {
            throw new IllegalArgumentException("column " + path + " holds " + column.kind + ", not " + kind);
        }
        return column;
    }

    /** The column of {@code path}, or null when the batch holds none (a nested path never has one). */
    public Column column(FieldPath path) {
        return columns.get(path);
    }

    /** Record {@code index} as fields: a column's value, null where it is null or the batch has no such column. */
    public FieldSource row(int index) {
        return path -> {
            Column column = columns.get(path);
            return column == null ? null : column.value(index);
        };
    }

    /** One field's values for every record of the batch, with a null mark per record. */
    public static final class Column {
        private final Kind kind;
        private final double[] numbers;
        private final long[] longs;
        private final String[] strings;
        private final boolean[] nulls;

        Column(Kind kind, int capacity) {
            this.kind = kind;
            this.numbers = kind == Kind.DOUBLE || kind == Kind.FLOAT ? new double[capacity] : null;
            this.longs = kind == Kind.LONG || kind == Kind.INT || kind == Kind.BOOLEAN ? new long[capacity] : null;
            this.strings = kind == Kind.STRING ? new String[capacity] : null;
            this.nulls = new boolean[capacity];
        }

        public Kind kind() {
            return kind;
        }

        /** DOUBLE and FLOAT values (a float widened exactly); null for other kinds. */
        public double[] numbers() {
            return numbers;
        }

        /** LONG, INT and BOOLEAN (0/1) values; null for other kinds. */
        public long[] longs() {
            return longs;
        }

        /** STRING values; null for other kinds. */
        public String[] strings() {
            return strings;
        }

        /** True where a record's value is null. */
        public boolean[] nulls() {
            return nulls;
        }

        /** Record {@code index}'s value as a double, as the feature mapping reads a number. */
        public double number(int index) {
            return numbers != null ? numbers[index] : longs[index];
        }

        /** Record {@code index}'s value as an Avro record would hold it, or null. */
        public Object value(int index) {
            if (nulls[index]) {
                return null;
            }
            return switch (kind) {
                case DOUBLE -> numbers[index];
                case FLOAT -> (float) numbers[index];
                case LONG -> longs[index];
                case INT -> (int) longs[index];
                case BOOLEAN -> longs[index] != 0;
                case STRING -> strings[index];
            };
        }
    }
}
