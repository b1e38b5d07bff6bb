/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import java.util.Arrays;

/**
 * Records of one {@link DriftMonitor} binned by one caller without the monitor's lock, then counted by
 * {@link DriftMonitor#observe(DriftBatch)} in one locked step. A feature still learning its bins keeps the record's
 * value instead, for the monitor to learn from. Not thread-safe: one per stream task (or thread), reused.
 *
 * <pre>{@code
 * DriftBatch batch = monitor.batch();
 * for (...) batch.add(fields, score);
 * List<DriftMonitor.Report> closed = monitor.observe(batch);
 * }</pre>
 */
public final class DriftBatch {
    static final int UNBINNED = -1;

    private final DriftMonitor monitor;
    private final FieldPath[] paths;
    private final int width;
    /** Each subject's bins as the monitor knew them at the last merge; null while a subject learns. */
    private Binning[] binnings;

    private int[] bins;
    private Object[] raw;
    private int size;

    DriftBatch(DriftMonitor monitor, FieldPath[] paths) {
        this.monitor = monitor;
        this.paths = paths;
        this.width = paths.length + 1;
        this.bins = new int[width * 16];
    }

    /** Adds one scored record: its fields' bins and its score's bin. */
    public void add(FieldSource fields, Double score) {
        int at = size * width;
        if (at + width > bins.length) {
            grow();
        }
        for (int i = 0; i < paths.length; i++) {
            put(at + i, binnings[i], fields.value(paths[i]));
        }
        put(at + paths.length, binnings[paths.length], score);
        size++;
    }

    private void put(int at, Binning binning, Object value) {
        if (binning != null) {
            bins[at] = binning.bin(value);
        } else {
            bins[at] = UNBINNED;
            raw[at] = value;
        }
    }

    private void grow() {
        bins = Arrays.copyOf(bins, bins.length * 2);
        if (raw != null) {
            raw = Arrays.copyOf(raw, bins.length);
        }
    }

    /** Records added since the last merge. */
    public int size() {
        return size;
    }

    /** The monitor this batch merges into. */
    public DriftMonitor monitor() {
        return monitor;
    }

    int[] bins() {
        return bins;
    }

    Object[] raw() {
        return raw;
    }

    /** Forgets the merged records (and any values they kept for learning). */
    void clear() {
        if (raw != null) {
            Arrays.fill(raw, 0, size * width, null);
        }
        size = 0;
    }

    /** The monitor's bins after a merge: values are kept only for subjects still learning theirs. */
    void learned(Binning[] current) {
        binnings = current;
        boolean learning = Arrays.stream(current).anyMatch(b -> b == null);
        raw = learning ? (raw == null ? new Object[bins.length] : raw) : null;
    }
}
