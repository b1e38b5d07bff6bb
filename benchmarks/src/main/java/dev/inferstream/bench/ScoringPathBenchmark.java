/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import dev.inferstream.model.features.FeatureEncoder;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The common-model path both engines use: map record fields through the manifest, run one batch, decode the
 * outputs into per-row results. Compared with {@link RawOrtBenchmark} it shows what the library adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoringPathBenchmark {
    @Param({"lr", "mlp"})
    public String model;

    @Param({"1", "8", "64", "256", "1024"})
    public int batch;

    private LoadedModel loaded;
    private List<FieldSource> records;
    private FeatureEncoder encoder;
    private ByteBuffer buffer;

    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        loaded = BenchModels.load(model);
        records = BenchModels.records(batch);
        encoder = new FeatureEncoder(loaded.manifest().inputs().get(0));
        buffer = ByteBuffer.allocateDirect(batch * encoder.width() * 4).order(ByteOrder.nativeOrder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.retire();
    }

    /** Feature mapping, inference and output decoding of one batch. */
    @Benchmark
    public void score(Blackhole bh) {
        bh.consume(loaded.score(records));
    }

    /** Feature mapping alone: 30 named fields of a decoded Avro record into the native buffer. */
    @Benchmark
    public void mapFeatures(Blackhole bh) {
        for (int r = 0; r < records.size(); r++) {
            encoder.encode(records.get(r), buffer, r);
        }
        bh.consume(buffer);
    }
}
