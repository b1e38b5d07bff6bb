/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

/** A record that cannot be routed, e.g. one that pins a version that is not served. */
public final class RoutingException extends RuntimeException {
    private final String reason;

    public RoutingException(String reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    /** The machine-readable reason, e.g. {@code VERSION_NOT_SERVED}: a dead letter's reason. */
    public String reason() {
        return reason;
    }
}
