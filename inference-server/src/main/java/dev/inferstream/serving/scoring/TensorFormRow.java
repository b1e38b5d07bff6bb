/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FeatureException.Reason;
import dev.inferstream.model.features.TensorRow;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Row {@code row} of a request in tensor form. It is checked against the version that scores it when its rows are
 * copied (each version of a deployment may take other inputs), with the same non-finite rule as the field mapping.
 */
final class TensorFormRow implements TensorRow {
    private final Map<String, Tensor> inputs;
    private final int row;

    TensorFormRow(Map<String, Tensor> inputs, int row) {
        this.inputs = inputs;
        this.row = row;
    }

    @Override
    public void write(InputSpec spec, ByteBuffer target, int slot) {
        Tensor t = checked(spec);
        int width = spec.width();
        int base = row * width;
        for (int i = 0; i < width; i++) {
            int at = slot + i;
            switch (spec.type()) {
                case FLOAT32 -> {
                    float v = t.float32(base + i);
                    if (!spec.allowNonFinite() && !Float.isFinite(v)) {
                        throw nonFinite(spec, i, v);
                    }
                    target.putFloat(at * 4, v);
                }
                case FLOAT64 -> {
                    double v = t.number(base + i);
                    if (!spec.allowNonFinite() && !Double.isFinite(v)) {
                        throw nonFinite(spec, i, v);
                    }
                    target.putDouble(at * 8, v);
                }
                case INT32 -> target.putInt(at * 4, (int) t.int64(base + i));
                case INT64 -> target.putLong(at * 8, t.int64(base + i));
                case BOOL -> target.put(at, (byte) (t.number(base + i) != 0 ? 1 : 0));
                case STRING -> throw new IllegalStateException("string inputs are written by writeStrings");
            }
        }
    }

    @Override
    public void writeStrings(InputSpec spec, String[] target, int slot) {
        Tensor t = checked(spec);
        int width = spec.width();
        for (int i = 0; i < width; i++) {
            target[slot + i] = (String) t.boxed(row * width + i);
        }
    }

    private Tensor checked(InputSpec spec) {
        Tensor t = inputs.get(spec.tensor());
        FieldPath path = path(spec.tensor());
        if (t == null) {
            throw new FeatureException(
                    Reason.MISSING_FIELD,
                    path,
                    "the request has no input '" + spec.tensor() + "'; the version that scored it takes "
                            + spec.tensor() + " " + DataType.of(spec.type()) + " [-1, " + spec.width() + "]");
        }
        if (t.dim(1) != spec.width()) {
            throw new FeatureException(
                    Reason.WRONG_LENGTH,
                    path,
                    "shape " + Arrays.toString(t.shape()) + " has " + t.dim(1) + " values per row; the model takes "
                            + spec.width() + " ([-1, " + spec.width() + "])");
        }
        DataType expected = DataType.of(spec.type());
        if (t.datatype() != expected) {
            throw new FeatureException(
                    Reason.WRONG_TYPE, path, "datatype " + t.datatype() + "; the model takes " + expected);
        }
        return t;
    }

    private FeatureException nonFinite(InputSpec spec, int column, double value) {
        return new FeatureException(
                Reason.NON_FINITE,
                path(spec.tensor()),
                "element " + column + " of row " + row + " is " + value + ", which the model does not allow"
                        + (spec.type() == TensorType.FLOAT32 || spec.type() == TensorType.FLOAT64
                                ? " (allowNonFinite is false)"
                                : ""));
    }

    static FieldPath path(String tensor) {
        try {
            return FieldPath.parse(tensor);
        } catch (IllegalArgumentException e) {
            return FieldPath.parse("input");
        }
    }
}
