/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
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
 * ONNX Runtime alone, one session with one intra-op thread: the ceiling for every scorer. One operation scores
 * one batch; rows/s = batch / time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawOrtBenchmark {
    @Param({"lr", "mlp"})
    public String model;

    @Param({"1", "8", "64", "256", "1024"})
    public int batch;

    private OrtEnvironment env;
    private OrtSession session;
    private float[][] rows;
    private FloatBuffer direct;
    private Set<String> outputs;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(BenchModels.onnx(model), options);
        }
        rows = BenchModels.rows(batch);
        direct = ByteBuffer.allocateDirect(batch * BenchModels.FEATURES * 4)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        outputs = Set.of("probabilities");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
    }

    /** Rows copied into a reused native-order direct buffer, which ONNX Runtime reads without a copy. */
    @Benchmark
    public void directBuffer(Blackhole bh) throws OrtException {
        direct.clear();
        for (float[] row : rows) {
            direct.put(row);
        }
        direct.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, direct, new long[] {batch, BenchModels.FEATURES});
                OrtSession.Result result = session.run(Map.of("features", input), outputs)) {
            bh.consume(((OnnxTensor) result.get(0)).getFloatBuffer());
        }
    }

    /** A float[][] handed to ONNX Runtime, which copies it into native memory, and a float[][] read back. */
    @Benchmark
    public void javaArrays(Blackhole bh) throws OrtException {
        float[][] input = new float[batch][];
        for (int r = 0; r < batch; r++) {
            input[r] = rows[r].clone();
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input);
                OrtSession.Result result = session.run(Map.of("features", tensor), outputs)) {
            bh.consume(result.get(0).getValue());
        }
    }
}
