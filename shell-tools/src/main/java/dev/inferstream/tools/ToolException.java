/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

/** A tool cannot do what it was asked; the message says why and what to do. */
final class ToolException extends RuntimeException {
    ToolException(String message) {
        super(message);
    }
}
