/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals.graph;

/** An ONNX graph that cannot be read, or whose structure an exact explainer does not support, and why. */
public final class GraphException extends Exception {
    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
