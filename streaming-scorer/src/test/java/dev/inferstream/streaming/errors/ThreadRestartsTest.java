/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadRestartsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> pauses = new ArrayList<>();
    private final ThreadRestarts restarts = new ThreadRestarts(now::get, pauses::add);

    @Test
    void failuresInARowPauseLongerEachTimeUpToAMinuteThenTheThreadIsReplaced() {
        StreamsException outage = new StreamsException(
                "decode failed", new RegistryException.Unavailable("registry at http://r:8081 did not answer", null));
        for (int i = 0; i < 9; i++) {
            assertThat(restarts.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now.addAndGet(pauses.get(pauses.size() - 1) + 5_000);
        }
        assertThat(pauses).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L);
    }

    @Test
    void aQuietSpellStartsOverFromTheShortestPause() {
        restarts.handle(new IllegalStateException("boom"));
        restarts.handle(new IllegalStateException("boom"));
        now.addAndGet(ThreadRestarts.QUIET.toMillis() + 1);
        restarts.handle(new IllegalStateException("boom"));

        assertThat(pauses).containsExactly(1_000L, 2_000L, 1_000L);
    }

    @Test
    void tellsInfrastructureOutagesFromRecordFailures() {
        assertThat(Failures.isTransient(new StreamsException(new TransientFailure("registry down", null))))
                .isTrue();
        assertThat(Failures.isTransient(new StreamsException(new org.apache.kafka.common.errors.TimeoutException("t"))))
                .isTrue();
        assertThat(Failures.isTransient(new StreamsException(new IllegalArgumentException("bad record"))))
                .isFalse();
    }
}
