/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock();
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);

    @Test
    void aSessionEndsAfterItsIdleTimeAndUseExtendsIt() {
        var session = sessions.open(new User("alice", Role.ADMIN));
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void eachSessionHasItsOwnUnguessableIdAndCsrfToken() {
        var a = sessions.open(new User("alice", Role.ADMIN));
        var b = sessions.open(new User("alice", Role.ADMIN));
        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(a.csrf()).isNotEqualTo(b.csrf()).isNotEqualTo(a.id());
        sessions.close(a.id());
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
