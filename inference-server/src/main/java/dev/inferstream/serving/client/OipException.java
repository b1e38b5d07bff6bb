/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

/** A request the server refused or could not answer: the HTTP status or gRPC code, and the server's message. */
public final class OipException extends RuntimeException {
    private final String status;

    public OipException(String status, String message, Throwable cause) {
        super(status + ": " + message, cause);
        this.status = status;
    }

    /** e.g. {@code 400} or {@code INVALID_ARGUMENT}. */
    public String status() {
        return status;
    }
}
