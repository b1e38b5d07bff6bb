/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.util.List;

/** A tensor's name, datatype and shape in model metadata; -1 marks a variable dimension (the batch axis). */
public record TensorMetadata(String name, DataType datatype, List<Long> shape) {
    public TensorMetadata {
        shape = List.copyOf(shape);
    }
}
