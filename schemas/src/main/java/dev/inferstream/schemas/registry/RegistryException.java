/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

/** The schema registry refused a request or could not be reached. */
public class RegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public RegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status, or -1 when no response arrived. */
    public int status() {
        return status;
    }

    /** The registry's own error code (e.g. 40403 schema not found), or -1. */
    public int errorCode() {
        return errorCode;
    }

    /** The subject, version or schema id asked for does not exist. */
    public static final class NotFound extends RegistryException {
        public NotFound(String message, int status, int errorCode) {
            super(message, status, errorCode, null);
        }
    }

    /** The schema is not compatible with the subject's earlier versions under its compatibility level. */
    public static final class Incompatible extends RegistryException {
        public Incompatible(String message, int status, int errorCode) {
            super(message, status, errorCode, null);
        }
    }

    /** No registry URL answered, even after retrying with backoff. */
    public static final class Unavailable extends RegistryException {
        public Unavailable(String message, Throwable cause) {
            super(message, -1, -1, cause);
        }
    }
}
