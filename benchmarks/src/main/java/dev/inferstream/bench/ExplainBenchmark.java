/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.onnx.Tree;
import dev.inferstream.testkit.onnx.TreeModels;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
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
 * One explanation of a record next to scoring that record, per model: the logistic regression, the MLP and a
 * 100-tree gradient-boosting ensemble over the same 30 features, with the default explain settings (32 background
 * rows, 64 permutations). {@code auto} takes the exact method the model allows (linear, sampling, TreeSHAP);
 * {@code sampling} forces permutation sampling to show what exactness saves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExplainBenchmark {
    static final int BACKGROUND_ROWS = 100;
    static final int RECORDS = 64;

    @Param({"lr", "mlp", "trees"})
    public String model;

    @Param({"auto", "sampling"})
    public String method;

    private LoadedModel loaded;
    private Explainer explainer;
    private List<FieldSource> records;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        loaded = load(model, method);
        explainer = loaded.explainer().orElseThrow();
        records = BenchModels.records(BACKGROUND_ROWS + RECORDS).subList(BACKGROUND_ROWS, BACKGROUND_ROWS + RECORDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.retire();
    }

    /** Explains one record (the records take turns). */
    @Benchmark
    public void explain(Blackhole bh) throws ExplainException {
        bh.consume(explainer.explain(records.get(next++ & (RECORDS - 1))));
    }

    /** Scores one record, the same way: feature mapping, one inference call, output decoding. */
    @Benchmark
    public void score(Blackhole bh) {
        bh.consume(loaded.score(records.get(next++ & (RECORDS - 1))));
    }

    /** The explainer's own description, for the results table. */
    static String describe(String model, String method) throws ModelLoadException {
        LoadedModel loaded = load(model, method);
        try {
            return loaded.explainer().orElseThrow().method().name();
        } finally {
            loaded.retire();
        }
    }

    static LoadedModel load(String model, String method) throws ModelLoadException {
        byte[] onnx = model.equals("trees") ? trees() : BenchModels.onnx(model);
        String manifest = TestModels.manifest(model, 1, BenchModels.FEATURES, BenchModels.OUTPUTS)
                + "explain:\n  background: background.csv\n  method: " + method + "\n";
        byte[] background = csv(BenchModels.rows(BACKGROUND_ROWS));
        return LoadedModel.load(
                new ModelArtifact(
                        new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx, "benchmark", name -> {
                            if (!name.equals("background.csv")) {
                                throw new FileNotFoundException(name);
                            }
                            return background;
                        }),
                InferenceOptions.defaults());
    }

    /** 100 gradient-boosted trees of depth 5 (32 leaves each) over the 30 features, logistic output. */
    public static byte[] trees() {
        return TreeModels.gradientBoostingClassifier(
                BenchModels.FEATURES,
                Tree.random(100, 5, BenchModels.FEATURES, 42, r -> new float[] {(float) (r.nextGaussian() * 0.1)}),
                -0.5f);
    }

    private static byte[] csv(float[][] rows) {
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < BenchModels.FEATURES; f++) {
            csv.append(f == 0 ? "" : ",").append('f').append(f);
        }
        csv.append('\n');
        for (float[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                csv.append(f == 0 ? "" : ",").append(row[f]);
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
