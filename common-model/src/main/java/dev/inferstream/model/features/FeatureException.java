/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;

/** A record whose fields cannot fill the model's input tensors. Carries which field and why. */
public final class FeatureException extends RuntimeException {
    /** Why a field was refused. */
    public enum Reason {
        MISSING_FIELD,
        WRONG_TYPE,
        NON_FINITE,
        WRONG_LENGTH,
        UNKNOWN_CATEGORY
    }

    private final Reason reason;
    private final FieldPath field;

    public FeatureException(Reason reason, FieldPath field, String message) {
        super(reason + " at field '" + field + "': " + message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    /** Why the field could not be mapped: a dead letter's reason. */
    public Reason reason() {
        return reason;
    }

    public FieldPath field() {
        return field;
    }
}
