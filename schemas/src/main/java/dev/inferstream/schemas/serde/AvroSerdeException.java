/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A payload that cannot be encoded or decoded, with a reason a processor can route on (e.g. to a dead-letter topic). */
public final class AvroSerdeException extends SerializationException {
    /** Why a payload could not be handled. */
    public enum Reason {
        NULL_PAYLOAD,
        BAD_MAGIC_BYTE,
        TRUNCATED,
        UNKNOWN_SCHEMA_ID,
        SCHEMA_MISMATCH,
        MALFORMED_AVRO,
        REGISTRY_UNAVAILABLE,
        REGISTRATION_REFUSED,
        UNSUPPORTED_TYPE
    }

    private final Reason reason;

    public AvroSerdeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when retrying later may succeed (the registry was unreachable), false when the payload itself is bad. */
    public boolean isTransient() {
        return reason == Reason.REGISTRY_UNAVAILABLE;
    }
}
