/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

/**
 * An explainer that cannot be set up (bad background data, a model the declared method does not fit), or a record
 * that cannot be explained, with what to do about it.
 */
public final class ExplainException extends Exception {
    public ExplainException(String message) {
        super(message);
    }

    public ExplainException(String message, Throwable cause) {
        super(message, cause);
    }
}
