/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.quality.DriftBatch;
import dev.inferstream.model.quality.DriftMonitor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/** The per-record cost of drift detection (30 features and the score), next to scoring the same records. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DriftBenchmark {
    static final int BATCH = 64;

    private LoadedModel loaded;
    private List<FieldSource> records;
    private DriftMonitor monitor;
    private DriftMonitor batched;
    private DriftBatch batch;

    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        loaded = BenchModels.load("lr");
        records = BenchModels.records(BATCH);
        monitor = new DriftMonitor(loaded.manifest(), 10_000);
        batched = new DriftMonitor(loaded.manifest(), 10_000);
        batch = batched.batch();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.retire();
    }

    /** Drift bookkeeping for a batch of 64 records. */
    @Benchmark
    public void observe(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(monitor.observe(records.get(i), 0.25 + i * 0.01));
        }
    }

    /** The same bookkeeping as a stream task does it: binned in its own batch, merged under one lock per batch. */
    @Benchmark
    public void observeBatch(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            batch.add(records.get(i), 0.25 + i * 0.01);
        }
        bh.consume(batched.observe(batch));
    }

    /** Scoring the same 64 records (lr, feature mapping to outputs). */
    @Benchmark
    public void score(Blackhole bh) {
        bh.consume(loaded.score(records));
    }
}
