/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.routing.HeaderView;
import java.util.function.Supplier;

/**
 * One record to score: the key its routing is sticky on, its headers, its fields, and its stable identity.
 *
 * @param identity the record's lineage as bytes, which a record without a key (nor a key-field value) is split by;
 *     asked for only then; null when the caller has no lineage
 */
public record ScoringRequest(byte[] key, HeaderView headers, FieldSource fields, Supplier<byte[]> identity) {
    /** A request without lineage: its routing is sticky on the key or the deployment's key field only. */
    public ScoringRequest(byte[] key, HeaderView headers, FieldSource fields) {
        this(key, headers, fields, null);
    }
}
