/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.inferstream.bench.BenchModels;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Single-row Open Inference Protocol requests against a server in its own JVM on this machine, over REST (HTTP/1.1
 * keep-alive, JSON) and gRPC (raw tensor contents), at 1, 16 and 64 concurrent clients: with dynamic batching, without
 * it, and against a no-op service on the same server (the frameworks' ceiling); then a paced 1,000 requests/s, and
 * raw ONNX Runtime single-row calls of the same model for comparison. Prints a Markdown table.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.serving.OipBenchmark [seconds per run] [batch] [delay µs]
 * }</pre>
 */
public final class OipBenchmark {
    private static final int[] CONCURRENCY = {1, 16, 64};

    private OipBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String batch = args.length > 1 ? args[1] : "64";
        String delay = args.length > 2 ? args[2] : "0";
        Duration warmup = Duration.ofSeconds(Math.max(2, seconds / 2));
        Duration measure = Duration.ofSeconds(seconds);
        float[] row = BenchModels.rows(1)[0];
        System.out.printf("raw ONNX Runtime, mlp, single-row run() calls on 1 thread: %s%n", rawOrt(row, measure));

        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OipBenchServer.class.getName(),
                        batch,
                        delay)
                .redirectErrorStream(true)
                .start();
        try {
            int[] ports = ports(server);
            byte[] rest = RestLoad.request("/v2/models/mlp/infer", json(row));
            ModelInferRequest grpc = grpc(row);
            // the server prints its ports in this order: batching on, batching off, no-op (REST and gRPC each)
            String[] targets = {"batching on (" + batch + ", " + delay + " µs)", "batching off", "no-op service"};
            for (int t = 0; t < targets.length; t++) {
                // JIT warm-up of both JVMs on every path before anything is measured
                RestLoad.run(ports[t * 2], rest, 16, 0, Duration.ZERO, warmup);
                GrpcLoad.run(ports[t * 2 + 1], grpc, 16, 0, Duration.ZERO, warmup);
            }
            List<String> lines = new ArrayList<>();
            lines.add("| protocol | endpoint | clients | requests/s | p50 µs | p99 µs | errors |");
            lines.add("|---|---|---:|---:|---:|---:|---:|");
            for (String protocol : List.of("REST", "gRPC")) {
                for (int t : new int[] {2, 1, 0}) {
                    for (int clients : CONCURRENCY) {
                        LoadResult r = protocol.equals("REST")
                                ? RestLoad.run(ports[t * 2], rest, clients, 0, warmup, measure)
                                : GrpcLoad.run(ports[t * 2 + 1], grpc, clients, 0, warmup, measure);
                        lines.add(row(protocol, targets[t], Integer.toString(clients), r));
                        System.out.println(lines.get(lines.size() - 1));
                    }
                }
            }
            for (String protocol : List.of("REST", "gRPC")) {
                for (int t : new int[] {0, 1}) {
                    long interval = 16_000_000; // 16 clients, one request each every 16 ms: 1,000 requests/s
                    LoadResult r = protocol.equals("REST")
                            ? RestLoad.run(ports[t * 2], rest, 16, interval, warmup, measure.multipliedBy(2))
                            : GrpcLoad.run(ports[t * 2 + 1], grpc, 16, interval, warmup, measure.multipliedBy(2));
                    lines.add(row(protocol, targets[t], "16 paced, 1,000/s", r));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
            System.out.println();
            lines.forEach(System.out::println);
        } finally {
            server.destroy();
        }
    }

    private static String row(String protocol, String target, String clients, LoadResult r) {
        return String.format(
                "| %s | %s | %s | %,.0f | %.0f | %.0f | %d |",
                protocol, target, clients, r.perSecond(), r.p50Micros(), r.p99Micros(), r.errors());
    }

    private static int[] ports(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return Arrays.stream(line.substring(6).trim().split(" "))
                        .mapToInt(Integer::parseInt)
                        .toArray();
            }
        }
        throw new IllegalStateException("the benchmark server exited before it was ready");
    }

    private static String json(float[] row) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            data.append(i == 0 ? "" : ",").append(row[i]);
        }
        return "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1," + row.length + "],\"data\":["
                + data + "]}]}";
    }

    private static ModelInferRequest grpc(float[] row) {
        ByteBuffer raw = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : row) {
            raw.putFloat(v);
        }
        return ModelInferRequest.newBuilder()
                .setModelName("mlp")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName("features")
                        .setDatatype("FP32")
                        .addShape(1)
                        .addShape(row.length))
                .addRawInputContents(ByteString.copyFrom(raw.array()))
                .build();
    }

    /** Single-row {@code run()} calls of the mlp model, as a caller of ONNX Runtime alone would make them. */
    private static String rawOrt(float[] row, Duration measure) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession session = env.createSession(BenchModels.onnx("mlp"), options)) {
                long[] shape = {1, row.length};
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < end) {
                    call(env, session, row, shape);
                }
                long[] took = new long[5_000_000];
                int n = 0;
                long start = System.nanoTime();
                end = start + measure.toNanos();
                long now = start;
                while (now < end && n < took.length) {
                    call(env, session, row, shape);
                    long after = System.nanoTime();
                    took[n++] = after - now;
                    now = after;
                }
                double seconds = (now - start) / 1e9;
                long[] sorted = Arrays.copyOf(took, n);
                Arrays.sort(sorted);
                return String.format(
                        "%,.0f calls/s, p50 %.0f µs, p99 %.0f µs",
                        n / seconds, sorted[n / 2] / 1000.0, sorted[(int) (n * 0.99)] / 1000.0);
            }
        }
    }

    private static void call(OrtEnvironment env, OrtSession session, float[] row, long[] shape) throws Exception {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), shape);
                OrtSession.Result result = session.run(Map.of("features", input))) {
            result.get(0);
        }
    }
}
