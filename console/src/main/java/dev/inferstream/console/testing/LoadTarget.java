/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.time.Duration;
import java.util.Map;

/** Where a load test sends its records, and how it learns that each one was scored and how long it took. */
interface LoadTarget extends AutoCloseable {
    /** What became of one sent record; told once. */
    interface Outcome {
        void scored(double millis);

        void failed(String error);
    }

    /** For the summary, e.g. {@code the request/response endpoint http://…}. */
    String describe();

    /** Whether the latency is input to prediction (true) or the round trip of a call (false). */
    boolean endToEnd();

    /** Sends one record without waiting for its prediction. */
    void send(String key, Map<String, String> record, Outcome outcome);

    /** Waits up to {@code grace} for the records still unanswered; those left are told they failed. */
    void drain(Duration grace) throws InterruptedException;

    @Override
    void close();
}
