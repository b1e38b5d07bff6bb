/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.schemas.Prediction;
import java.util.Arrays;

/**
 * The predictions one micro-batch wrote, with their latencies, for {@link ScorerMetrics#scored(String,
 * ScoredBatch)} to record in one call: counters then move once per run of predictions of the same version and arm
 * rather than once per prediction. Not thread-safe: one per stream task, reused from batch to batch.
 */
public final class ScoredBatch {
    private Prediction[] predictions = new Prediction[64];
    private long[] latencyNanos = new long[64];
    private long[] endToEndMillis = new long[64];
    private int size;

    /** One prediction written, {@code latencyNanos} after its arrival and {@code endToEndMillis} after its input. */
    public void add(Prediction prediction, long latencyNanos, long endToEndMillis) {
        if (size == predictions.length) {
            predictions = Arrays.copyOf(predictions, size * 2);
            this.latencyNanos = Arrays.copyOf(this.latencyNanos, size * 2);
            this.endToEndMillis = Arrays.copyOf(this.endToEndMillis, size * 2);
        }
        predictions[size] = prediction;
        this.latencyNanos[size] = latencyNanos;
        this.endToEndMillis[size++] = endToEndMillis;
    }

    public int size() {
        return size;
    }

    Prediction prediction(int i) {
        return predictions[i];
    }

    long latencyNanos(int i) {
        return latencyNanos[i];
    }

    long endToEndMillis(int i) {
        return endToEndMillis[i];
    }

    /** The latencies of the whole batch; only the first {@link #size()} count. */
    long[] latencies() {
        return latencyNanos;
    }

    /** Forgets the recorded predictions. */
    void clear() {
        Arrays.fill(predictions, 0, size, null);
        size = 0;
    }
}
