/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.serving.oip.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row {@code row} of a request in record form: one input per manifest field, read by the same feature mapping as a
 * Kafka record. A scalar field reads its element, an array field ({@code [N, k]}) its row of k elements; absent
 * inputs and null elements read as missing, so the manifest's defaults apply.
 */
final class RecordFormRow implements FieldSource {
    private final Map<String, Tensor> inputs;
    private final int row;

    RecordFormRow(Map<String, Tensor> inputs, int row) {
        this.inputs = inputs;
        this.row = row;
    }

    @Override
    public Object value(FieldPath path) {
        Tensor t = inputs.get(path.text());
        if (t == null) {
            return null;
        }
        if (t.rank() == 2 && t.dim(1) != 1) {
            int width = (int) t.dim(1);
            List<Object> values = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                values.add(t.boxed(row * width + i));
            }
            return values;
        }
        return t.boxed(row);
    }
}
