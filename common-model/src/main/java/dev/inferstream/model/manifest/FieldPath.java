/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dotted path to a record field, e.g. {@code device.os}; parsed once when the manifest loads. Paths are interned:
 * each distinct text has one instance and a small {@link #id()}, which record adapters use to cache where the
 * field sits in a schema.
 */
public final class FieldPath {
    private static final Map<String, FieldPath> INTERNED = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String text;
    private final List<String> segments;
    private final int id;

    private FieldPath(String text, int id) {
        this.text = text;
        this.segments = List.of(text.split("\\."));
        this.id = id;
    }

    /** Parses a dotted path such as {@code device.os}; a blank or malformed path is refused with an example. */
    public static FieldPath parse(String text) {
        if (text == null || text.isBlank() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a field path: use names joined by dots, " + "e.g. amount or device.os");
        }
        return INTERNED.computeIfAbsent(text, t -> new FieldPath(t, IDS.getAndIncrement()));
    }

    public String text() {
        return text;
    }

    public List<String> segments() {
        return segments;
    }

    /** Dense, process-wide id of this path, for per-schema position caches. */
    public int id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
