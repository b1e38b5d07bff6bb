/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

/** The control topics cannot be read or written; the message says which and why. */
public final class ControlPlaneException extends RuntimeException {
    public ControlPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
