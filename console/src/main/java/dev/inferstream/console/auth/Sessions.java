/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory: a random id (the cookie) gives the user and the session's CSRF token. Sessions
 * end after {@code idle} without a request, at sign-out, or when the console restarts.
 */
public final class Sessions {
    /** More sessions than this: the least recently used ones end first. */
    static final int MAX_SESSIONS = 10_000;

    /** One session: who, its CSRF token, when it was last used. */
    public static final class Session {
        private final String id;
        private final User user;
        private final String csrf;
        private volatile Instant lastSeen;

        Session(String id, User user, String csrf, Instant now) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.lastSeen = now;
        }

        public String id() {
            return id;
        }

        public User user() {
            return user;
        }

        /** The token every changing request of this session must carry. */
        public String csrf() {
            return csrf;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    public Session open(User user) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream()
                    .min(Comparator.comparing(s -> s.lastSeen))
                    .ifPresent(s -> sessions.remove(s.id));
        }
        Session session = new Session(token(), user, token(), clock.instant());
        sessions.put(session.id, session);
        return session;
    }

    /** The live session with {@code id}; touching it extends it. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
