/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.monitor;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.quality.DriftBatch;
import dev.inferstream.model.quality.DriftMonitor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One stream task's drift bookkeeping: each prediction's features and score are binned here, without a lock, and
 * merged into the version's shared {@link DriftMonitor} once per micro-batch, in order — so the windows, PSI values
 * and alerts are those of counting every record in the shared monitor. Not thread-safe: one per processor.
 */
public final class DriftTally {
    private final DriftWatch watch;
    private final Map<LoadedModel, DriftBatch> batches = new IdentityHashMap<>();
    private LoadedModel lastModel;
    private DriftBatch last;

    DriftTally(DriftWatch watch) {
        this.watch = watch;
    }

    /** Bins one prediction of the current micro-batch. */
    public void add(RecordScorer.Predicted predicted) {
        LoadedModel model = predicted.model();
        DriftBatch batch = last;
        if (model != lastModel) {
            batch = batches.computeIfAbsent(model, m -> watch.monitor(m).batch());
            lastModel = model;
            last = batch;
        }
        batch.add(predicted.input().fields(), predicted.prediction().getScore());
    }

    /** Counts what was added in the shared monitors and publishes the windows that closed. */
    public void flush() {
        for (DriftBatch batch : batches.values()) {
            if (batch.size() > 0) {
                batch.monitor().observe(batch).forEach(watch::report);
            }
        }
        batches.entrySet().removeIf(e -> !watch.tracks(e.getKey(), e.getValue().monitor()));
        lastModel = null;
        last = null;
    }
}
