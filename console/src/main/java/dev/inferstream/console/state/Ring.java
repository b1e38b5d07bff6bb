/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The newest {@code capacity} items of a stream, oldest first; what keeps every view's memory bounded. */
final class Ring<T> {
    private final ArrayDeque<T> items;
    private final int capacity;

    Ring(int capacity) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    synchronized List<T> snapshot() {
        return new ArrayList<>(items);
    }

    synchronized int size() {
        return items.size();
    }
}
