/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model;

/** Where the scoring of a record failed; mirrors the {@code Stage} of the {@code DeadLetter} envelope. */
public enum Stage {
    DECODE,
    VALIDATION,
    FEATURE_MAPPING,
    ROUTING,
    INFERENCE,
    OUTPUT,
    /** The prediction (or audit record) could not be encoded for its topic. */
    SERIALIZE,
    /** The encoded prediction could not be written: larger than the topic or producer accepts. */
    EMIT,
    /** An unexpected failure outside the stages above. */
    UNKNOWN
}
