/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import java.time.Duration;

/**
 * Dynamic batching: concurrent requests for one model are scored together in one inference call of up to
 * {@code maxRows} rows, the first waiting at most {@code maxDelay} for others. {@code maxRows} 1 turns it off (each
 * request is scored alone, on its own thread). A request with more rows than {@code maxRows} is scored alone.
 */
public record BatchSettings(int maxRows, Duration maxDelay) {
    public BatchSettings {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + maxRows);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("the batch delay must not be negative");
        }
    }

    /** Each request scored alone. */
    public static BatchSettings off() {
        return new BatchSettings(1, Duration.ZERO);
    }

    public boolean enabled() {
        return maxRows > 1;
    }
}
