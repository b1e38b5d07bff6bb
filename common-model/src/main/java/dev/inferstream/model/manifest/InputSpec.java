/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.List;

/**
 * One ONNX input tensor of shape {@code [batch, width]}, filled row by row from record fields in order.
 *
 * @param allowNonFinite accept NaN and ±Infinity in numeric fields (false: such a record is rejected)
 */
public record InputSpec(String tensor, TensorType type, List<FieldSpec> fields, boolean allowNonFinite) {

    public InputSpec {
        fields = List.copyOf(fields);
    }

    /** The number of tensor slots per row: the sum of the fields' widths. */
    public int width() {
        return fields.stream().mapToInt(FieldSpec::width).sum();
    }
}
