/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.serde.AvroSerdeException;
import org.apache.kafka.common.errors.RetriableException;

/** Tells failures of the infrastructure, worth retrying, from failures of a record. */
final class Failures {
    private Failures() {}

    /** Whether {@code error} or one of its causes says the registry or a broker is unavailable. */
    static boolean isTransient(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TransientFailure
                    || e instanceof RegistryException.Unavailable
                    || e instanceof RetriableException
                    || (e instanceof AvroSerdeException serde && serde.isTransient())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, which usually names what failed. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
