/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * Processing cannot go on for now (the schema registry or a broker is unavailable): not a record's fault, so never
 * a dead letter; the records are retried from the last commit after a pause.
 */
public final class TransientFailure extends StreamsException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
