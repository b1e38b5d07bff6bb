/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import java.time.Duration;

/** Where a load run is: warming up (nothing recorded), measuring, or over; read by the clients, set by the driver. */
final class Phase {
    private volatile boolean measuring;
    private volatile boolean stopped;

    boolean measuring() {
        return measuring;
    }

    boolean stopped() {
        return stopped;
    }

    /** Lets the clients warm up, then measure; returns the seconds measured once they are told to stop. */
    double drive(Duration warmup, Duration measure) throws InterruptedException {
        Thread.sleep(warmup.toMillis());
        measuring = true;
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        stopped = true;
        measuring = false;
        return (System.nanoTime() - start) / 1e9;
    }
}
