/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import dev.inferstream.bench.BenchModels;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.serving.BatchSettings;
import dev.inferstream.serving.InferenceServer;
import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.ServingSettings;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.oip.ModelMetadata;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServerMetadata;
import dev.inferstream.serving.scoring.ModelInferenceService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The server side of {@link OipBenchmark}, in its own JVM: the {@code mlp} model served three times on loopback —
 * with dynamic batching, without, and a no-op service that decodes each request and answers a fixed response (the
 * framework's ceiling). Prints {@code READY <rest> <grpc> <rest> <grpc> <rest> <grpc>} and serves until killed.
 */
public final class OipBenchServer {
    private OipBenchServer() {}

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        long delayMicros = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Path dir = Files.createTempDirectory("oip-bench");
        LocalModelRepository repository = new LocalModelRepository(dir);
        repository.publish(
                new ModelRef("mlp", 1),
                BenchModels.manifest("mlp").getBytes(StandardCharsets.UTF_8),
                BenchModels.onnx("mlp"));
        ModelService models = new ModelService(repository, InferenceOptions.defaults());
        models.deploy(DeploymentSpec.stable("mlp", 1)).get(1, TimeUnit.MINUTES);
        ModelInferenceService batched = new ModelInferenceService(
                models,
                Set.of("mlp"),
                "bench",
                new BatchSettings(batch, Duration.ofNanos(delayMicros * 1000)),
                ServingListener.NONE);
        ModelInferenceService alone =
                new ModelInferenceService(models, Set.of("mlp"), "bench", BatchSettings.off(), ServingListener.NONE);
        ServingSettings loopback =
                new ServingSettings("127.0.0.1", 0, 0, ServingSettings.DEFAULT_MAX_REQUEST_BYTES, Optional.empty());
        InferenceServer b = InferenceServer.start(loopback, batched, ServingListener.NONE);
        InferenceServer a = InferenceServer.start(loopback, alone, ServingListener.NONE);
        InferenceServer n = InferenceServer.start(loopback, new Noop(alone), ServingListener.NONE);
        System.out.println("READY " + b.restPort() + " " + b.grpcPort() + " " + a.restPort() + " " + a.grpcPort() + " "
                + n.restPort() + " " + n.grpcPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Answers every request with the response of the first one, after the protocol layer decoded it. */
    private static final class Noop implements InferenceService {
        private final InferenceService real;
        private volatile InferResponse fixed;

        Noop(InferenceService real) {
            this.real = real;
        }

        @Override
        public ServerMetadata serverMetadata() {
            return real.serverMetadata();
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public boolean modelReady(String model, String version) {
            return true;
        }

        @Override
        public ModelMetadata modelMetadata(String model, String version) {
            return real.modelMetadata(model, version);
        }

        @Override
        public InferResponse infer(InferRequest request, Protocol protocol) {
            InferResponse response = fixed;
            if (response == null) {
                response = real.infer(request, protocol);
                fixed = response;
            }
            return response;
        }
    }
}
