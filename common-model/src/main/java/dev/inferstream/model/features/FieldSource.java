/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;

/**
 * One input record as the feature mapping sees it. Each engine adapts its records to this: Avro records
 * ({@link AvroFieldSource}), maps ({@link MapFieldSource}), CSV rows.
 */
@FunctionalInterface
public interface FieldSource {
    /** The value at {@code path}, or null when the field is absent or null. */
    Object value(FieldPath path);
}
