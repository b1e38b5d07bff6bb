/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import dev.inferstream.model.features.FeatureException.Reason;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.TensorType;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fills one row of an input tensor from a record, as the manifest says. Compiled once per model version;
 * writes straight into the native buffer ONNX Runtime reads, with no allocation per record for numeric inputs.
 * Thread-safe (stateless after construction).
 */
public final class FeatureEncoder {
    private final InputSpec spec;
    private final FieldSpec[] fields;
    private final Map<String, Integer>[] vocabularies;
    private final int width;

    /** An encoder for one input tensor, its field layout and vocabularies resolved once. */
    @SuppressWarnings("unchecked")
    public FeatureEncoder(InputSpec spec) {
        this.spec = spec;
        this.fields = spec.fields().toArray(FieldSpec[]::new);
        this.vocabularies = new Map[fields.length];
        for (int i = 0; i < fields.length; i++) {
            vocabularies[i] = fields[i].vocabularyIndex();
        }
        this.width = spec.width();
    }

    public InputSpec spec() {
        return spec;
    }

    /** Values per row (the tensor's last dimension). */
    public int width() {
        return width;
    }

    /**
     * Writes row {@code row} of a numeric tensor into {@code buffer} (native order, absolute puts).
     *
     * @throws FeatureException when a field is missing without default, of the wrong type, non-finite, of the
     *     wrong length or an unknown category
     */
    public void encode(FieldSource record, ByteBuffer buffer, int row) {
        if (record instanceof TensorRow tensors) {
            tensors.write(spec, buffer, row * width);
            return;
        }
        TensorType type = spec.type();
        int slot = row * width;
        for (int f = 0; f < fields.length; f++) {
            FieldSpec field = fields[f];
            Object value = valueOrDefault(record, field);
            switch (field.encoding()) {
                case VALUE -> {
                    if (field.length() == 1) {
                        put(buffer, type, slot++, number(field, value));
                    } else {
                        slot = putVector(buffer, type, slot, field, value);
                    }
                }
                case INDEX -> put(buffer, type, slot++, category(f, field, value));
                case ONEHOT -> {
                    int hot = category(f, field, value);
                    for (int c = 0; c < field.vocabulary().size(); c++) {
                        put(buffer, type, slot++, c == hot ? 1 : 0);
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #encodeColumns} can fill this input: a numeric tensor whose fields are top-level scalars read as
     * their value (no categories, vectors or nested paths).
     */
    public boolean columnar() {
        if (spec.type() == TensorType.STRING) {
            return false;
        }
        for (FieldSpec field : fields) {
            if (field.encoding() != FieldSpec.Encoding.VALUE
                    || field.length() != 1
                    || field.path().segments().size() != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes rows {@code 0..count-1} of a numeric tensor from records {@code records[0..count-1]} of a column batch,
     * one field at a time, with the mapping {@link #encode} applies to each record: nulls and absent columns take the
     * field's default, booleans count as 0/1, non-finite values are refused unless allowed. Requires
     * {@link #columnar()}.
     *
     * @return false when some record cannot be encoded this way (a missing value without default, a refused
     *     non-finite value, a text column): map those records one by one with {@link #encode} to learn why
     */
    public boolean encodeColumns(ColumnBatch batch, int[] records, int count, ByteBuffer buffer) {
        TensorType type = spec.type();
        for (int f = 0; f < fields.length; f++) {
            FieldSpec field = fields[f];
            ColumnBatch.Column column = batch.column(field.path());
            double fallback = Double.NaN;
            boolean hasDefault = field.defaultValue() != null;
            if (hasDefault) {
                try {
                    fallback = number(field, field.defaultValue());
                } catch (FeatureException e) {
                    return false;
                }
            }
            if (column != null && !column.kind().numeric()) {
                return false;
            }
            for (int r = 0; r < count; r++) {
                int record = records[r];
                double value;
                if (column == null || column.nulls()[record]) {
                    if (!hasDefault) {
                        return false;
                    }
                    value = fallback;
                } else {
                    value = column.number(record);
                    if (!spec.allowNonFinite() && !Double.isFinite(value)) {
                        return false;
                    }
                }
                put(buffer, type, r * width + f, value);
            }
        }
        return true;
    }

    /** Writes row {@code row} of a string tensor into {@code target}. */
    public void encodeStrings(FieldSource record, String[] target, int row) {
        if (record instanceof TensorRow tensors) {
            tensors.writeStrings(spec, target, row * width);
            return;
        }
        int slot = row * width;
        for (FieldSpec field : fields) {
            Object value = valueOrDefault(record, field);
            target[slot++] = value.toString();
        }
    }

    private static Object valueOrDefault(FieldSource record, FieldSpec field) {
        Object value = record.value(field.path());
        if (value == null) {
            value = field.defaultValue();
            if (value == null) {
                throw new FeatureException(
                        Reason.MISSING_FIELD, field.path(), "absent or null, and the manifest " + "gives no default");
            }
        }
        return value;
    }

    private double number(FieldSpec field, Object value) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof Boolean b) {
            d = b ? 1 : 0;
        } else if (value instanceof CharSequence text) {
            try {
                d = JavaDoubleParser.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new FeatureException(
                        Reason.WRONG_TYPE, field.path(), "'" + abbreviate(text) + "' is not a number");
            }
        } else {
            throw new FeatureException(
                    Reason.WRONG_TYPE,
                    field.path(),
                    "expected a number, got " + value.getClass().getSimpleName());
        }
        if (!spec.allowNonFinite() && !Double.isFinite(d)) {
            throw new FeatureException(
                    Reason.NON_FINITE,
                    field.path(),
                    d + " is not allowed (set allowNonFinite: " + "true on input " + spec.tensor()
                            + " if the model handles it)");
        }
        return d;
    }

    private int putVector(ByteBuffer buffer, TensorType type, int slot, FieldSpec field, Object value) {
        if (!(value instanceof Collection<?> values)) {
            throw new FeatureException(
                    Reason.WRONG_TYPE,
                    field.path(),
                    "expected an array of " + field.length() + " numbers, got "
                            + value.getClass().getSimpleName());
        }
        if (values.size() != field.length()) {
            throw new FeatureException(
                    Reason.WRONG_LENGTH, field.path(), "expected " + field.length() + " values, got " + values.size());
        }
        for (Object element : values instanceof List<?> list ? list : List.copyOf(values)) {
            if (element == null) {
                throw new FeatureException(Reason.MISSING_FIELD, field.path(), "the array holds a null");
            }
            put(buffer, type, slot++, number(field, element));
        }
        return slot;
    }

    private int category(int f, FieldSpec field, Object value) {
        String text = value.toString();
        Integer index = vocabularies[f].get(text);
        if (index != null) {
            return index;
        }
        if (field.onUnknown() == FieldSpec.UnknownCategory.IGNORE) {
            return -1;
        }
        throw new FeatureException(
                Reason.UNKNOWN_CATEGORY,
                field.path(),
                "'" + abbreviate(text)
                        + "' is not in the vocabulary "
                        + abbreviate(field.vocabulary().toString())
                        + " (set unknown: ignore to encode it as -1 / all zeros)");
    }

    private static void put(ByteBuffer buffer, TensorType type, int slot, double value) {
        switch (type) {
            case FLOAT32 -> buffer.putFloat(slot * 4, (float) value);
            case FLOAT64 -> buffer.putDouble(slot * 8, value);
            case INT32 -> buffer.putInt(slot * 4, (int) value);
            case INT64 -> buffer.putLong(slot * 8, (long) value);
            case BOOL -> buffer.put(slot, (byte) (value != 0 ? 1 : 0));
            case STRING -> throw new IllegalStateException("string tensors are filled by encodeStrings");
        }
    }

    private static String abbreviate(CharSequence text) {
        return text.length() <= 60 ? text.toString() : text.subSequence(0, 57) + "...";
    }
}
