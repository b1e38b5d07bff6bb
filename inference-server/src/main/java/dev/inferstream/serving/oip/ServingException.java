/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

/**
 * A request the server refuses, with a status each protocol maps to its own (HTTP status, gRPC code) and a message
 * that names the input and the problem. Never carries a stack trace to the client.
 */
public final class ServingException extends RuntimeException {
    /** Why a request failed, independent of the protocol. */
    public enum Status {
        /** A malformed request: bad shape, datatype, value, unknown input or output. */
        INVALID_ARGUMENT(400),
        /** An unknown model, version or endpoint. */
        NOT_FOUND(404),
        /** The request body exceeds the configured limit. */
        RESOURCE_EXHAUSTED(413),
        /** The model is not loaded yet, or the server is stopping. */
        UNAVAILABLE(503),
        /** The server failed; the request may be fine. */
        INTERNAL(500);

        private final int http;

        Status(int http) {
            this.http = http;
        }

        public int httpStatus() {
            return http;
        }
    }

    private final Status status;

    public ServingException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ServingException invalid(String message) {
        return new ServingException(Status.INVALID_ARGUMENT, message);
    }

    public static ServingException notFound(String message) {
        return new ServingException(Status.NOT_FOUND, message);
    }

    public Status status() {
        return status;
    }
}
