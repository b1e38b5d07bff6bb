/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.Tensor;
import dev.inferstream.serving.scoring.ModelInferenceService;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic batching gathers concurrent requests into one call and gives each the results it gets alone. */
class DynamicBatchingTest {
    private static final int FEATURES = 30;

    @Test
    void concurrentRequestsAreScoredTogetherWithResultsBitIdenticalToScoringAlone(@TempDir Path dir) throws Exception {
        LocalModelRepository repository = new LocalModelRepository(dir);
        repository.publish(
                new ModelRef("m", 1),
                TestModels.manifest("m", 1, FEATURES, TestModels.BINARY_OUTPUTS).getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(FEATURES, 16, 8, 2, 7));
        AtomicInteger largestBatch = new AtomicInteger();
        ServingListener batches = new ServingListener() {
            @Override
            public void batch(String model, int rows, long nanos) {
                largestBatch.accumulateAndGet(rows, Math::max);
            }
        };
        List<float[]> rows = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 48; i++) {
            float[] row = new float[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                row[f] = (float) random.nextGaussian();
            }
            rows.add(row);
        }
        try (ModelService models = new ModelService(repository, InferenceOptions.defaults())) {
            models.deploy(DeploymentSpec.stable("m", 1)).get(1, TimeUnit.MINUTES);
            List<InferResponse> alone;
            try (ModelInferenceService direct =
                    new ModelInferenceService(models, Set.of("m"), "t", BatchSettings.off(), ServingListener.NONE)) {
                alone = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    alone.add(direct.infer(request(i, rows.get(i)), Protocol.GRPC));
                }
            }
            // a generous queue delay so that requests started together on a busy machine still meet in one batch
            BatchSettings batching = new BatchSettings(16, Duration.ofMillis(500));
            try (ModelInferenceService batched =
                    new ModelInferenceService(models, Set.of("m"), "t", batching, batches)) {
                ExecutorService clients = Executors.newFixedThreadPool(rows.size());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<InferResponse>> together = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    int row = i;
                    together.add(clients.submit(() -> {
                        go.await();
                        return batched.infer(request(row, rows.get(row)), Protocol.GRPC);
                    }));
                }
                go.countDown();
                for (int i = 0; i < rows.size(); i++) {
                    InferResponse b = together.get(i).get(1, TimeUnit.MINUTES);
                    InferResponse a = alone.get(i);
                    assertThat(b.parameters().get("prediction_id"))
                            .isEqualTo(a.parameters().get("prediction_id"));
                    for (int o = 0; o < a.outputs().size(); o++) {
                        assertThat(b.outputs().get(o).binary())
                                .as("output " + a.outputs().get(o).name() + " of request " + i)
                                .isEqualTo(a.outputs().get(o).binary());
                    }
                }
                clients.shutdownNow();
            }
        }
        assertThat(largestBatch.get()).isGreaterThan(1).isLessThanOrEqualTo(16);
    }

    private static InferRequest request(int i, float[] row) {
        ByteBuffer data = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : row) {
            data.putFloat(v);
        }
        data.flip();
        Tensor features = Tensor.numeric("features", DataType.FP32, new long[] {1, row.length}, data, null);
        return new InferRequest("m", null, "req-" + i, Map.of(), List.of(features), List.of());
    }
}
