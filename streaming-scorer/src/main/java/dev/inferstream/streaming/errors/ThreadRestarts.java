/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a failed stream thread after a pause that doubles with every failure in a row (1 s up to 1 min, back to
 * 1 s after 5 minutes without one), logging why: a lasting outage of the registry or the brokers never turns into a
 * tight restart loop, and the records are retried from the last commit.
 */
public final class ThreadRestarts implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadRestarts.class);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_PAUSE = Duration.ofMinutes(1);
    static final Duration QUIET = Duration.ofMinutes(5);

    /** Sleeps the failed thread; replaced in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final LongSupplier clock;
    private final Sleeper sleeper;
    private int failuresInARow;
    private long lastFailure = Long.MIN_VALUE;

    public ThreadRestarts() {
        this(System::currentTimeMillis, Thread::sleep);
    }

    ThreadRestarts(LongSupplier clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
        long pause = nextPause();
        String kind = Failures.isTransient(error) ? "unavailable infrastructure" : "an unexpected error";
        LOG.error(
                "stream thread stopped by {} ({}); replacing it in {} ms (failure {} in a row), "
                        + "the records are retried from the last commit",
                kind,
                Failures.rootMessage(error),
                pause,
                failuresInARow,
                error);
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The pause before the next replacement, counting this failure. */
    synchronized long nextPause() {
        long now = clock.getAsLong();
        if (lastFailure != Long.MIN_VALUE && now - lastFailure > QUIET.toMillis()) {
            failuresInARow = 0;
        }
        lastFailure = now;
        failuresInARow++;
        long pause = FIRST_PAUSE.toMillis() << Math.min(failuresInARow - 1, 16);
        return Math.min(pause, MAX_PAUSE.toMillis());
    }
}
