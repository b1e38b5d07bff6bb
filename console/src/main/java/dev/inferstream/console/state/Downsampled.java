/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A time series, oldest first, kept at full resolution for its newest {@code recentCapacity} points and thinned to
 * one point per series key and {@link #STEP} before that, back to {@link #KEEP}: enough for the longest chart range
 * in at most {@code recentCapacity + olderCapacity} points.
 */
final class Downsampled<T> {
    static final Duration KEEP = Duration.ofHours(24);
    static final Duration STEP = Duration.ofMinutes(1);

    private final ArrayDeque<T> recent = new ArrayDeque<>();
    private final ArrayDeque<T> older = new ArrayDeque<>();
    private final Map<String, Long> lastStep = new HashMap<>();
    private final int recentCapacity;
    private final int olderCapacity;
    private final Function<T, Instant> at;
    private final Function<T, String> key;

    Downsampled(int recentCapacity, int olderCapacity, Function<T, Instant> at, Function<T, String> key) {
        this.recentCapacity = recentCapacity;
        this.olderCapacity = olderCapacity;
        this.at = at;
        this.key = key;
    }

    synchronized void add(T item) {
        if (recent.size() == recentCapacity) {
            demote(recent.removeFirst());
        }
        recent.addLast(item);
        Instant horizon = at.apply(item).minus(KEEP);
        while (!older.isEmpty() && at.apply(older.peekFirst()).isBefore(horizon)) {
            older.removeFirst();
        }
    }

    private void demote(T item) {
        long step = at.apply(item).toEpochMilli() / STEP.toMillis();
        if (lastStep.size() > olderCapacity) {
            // keys of series that stopped (scorers gone): forgetting them costs at most one extra point each
            lastStep.clear();
        }
        Long previous = lastStep.put(key.apply(item), step);
        if (previous != null && previous == step) {
            return;
        }
        if (older.size() == olderCapacity) {
            older.removeFirst();
        }
        older.addLast(item);
    }

    synchronized List<T> snapshot() {
        List<T> all = new ArrayList<>(older.size() + recent.size());
        all.addAll(older);
        all.addAll(recent);
        return all;
    }

    synchronized int size() {
        return older.size() + recent.size();
    }
}
