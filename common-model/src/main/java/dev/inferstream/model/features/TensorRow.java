/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.InputSpec;
import java.nio.ByteBuffer;

/**
 * A record given as its rows of the model's input tensors (a request in tensor form) instead of as fields: the
 * feature encoder copies these rows in place of mapping fields, so such records take the same batching, routing
 * and inference path as any other. It has no fields to read.
 */
public interface TensorRow extends FieldSource {

    /**
     * Writes this record's row of numeric input {@code spec} into {@code target} (native order, absolute puts),
     * starting at element {@code slot}.
     *
     * @throws FeatureException when the record has no such input, or a row of the wrong width, type or values
     */
    void write(InputSpec spec, ByteBuffer target, int slot);

    /** Writes this record's row of string input {@code spec} into {@code target} from element {@code slot}. */
    void writeStrings(InputSpec spec, String[] target, int slot);

    @Override
    default Object value(FieldPath path) {
        return null;
    }
}
