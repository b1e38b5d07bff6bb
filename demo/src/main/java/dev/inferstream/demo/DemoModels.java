/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The demo's model repository: {@code fraud} version 1 (an untrained MLP, the "old" model) and version 2 (a
 * logistic regression whose weights encode what makes the demo's suspicious transactions stand out), both over 28
 * values taken from a {@code CardTransaction}: numeric fields, a one-hot channel and a nested, optional field.
 */
final class DemoModels {
    static final String MODEL = "fraud";
    private static final int WIDTH = 28;

    private DemoModels() {}

    static LocalModelRepository write(Path root) throws IOException {
        LocalModelRepository repo = new LocalModelRepository(root);
        if (repo.versions(MODEL).isEmpty()) {
            repo.publish(
                    new ModelRef(MODEL, 1),
                    manifest(1, "two-layer MLP").getBytes(StandardCharsets.UTF_8),
                    TestModels.mlp(WIDTH, 32, 16, 2, 2026));
            repo.publish(
                    new ModelRef(MODEL, 2),
                    manifest(2, "logistic regression").getBytes(StandardCharsets.UTF_8),
                    TestModels.logisticRegression(weights(), -6f).onnx());
        }
        return repo;
    }

    /**
     * Weights in manifest field order: amount, hour, day, distance from home, distance from last, ratio to median,
     * count 1h, count 24h, card present, channel (3), device trusted, v1..v15.
     */
    private static float[] weights() {
        float[] w = new float[WIDTH];
        w[0] = 0.002f;
        w[1] = -0.1f;
        w[3] = 0.001f;
        w[5] = 0.3f;
        w[6] = 0.4f;
        w[10] = -1f;
        for (int v = 11; v < WIDTH; v++) {
            w[v] = 0.3f;
        }
        return w;
    }

    static String manifest(int version, String description) {
        return """
                name: fraud
                version: %d
                description: demo card-fraud %s
                inputs:
                  - name: features
                    type: float32
                    fields:
                      - amount
                      - hourOfDay
                      - dayOfWeek
                      - distanceFromHomeKm
                      - distanceFromLastKm
                      - ratioToMedianAmount
                      - txCount1h
                      - txCount24h
                      - cardPresent
                      - {name: channel, vocabulary: [pos, ecommerce, atm], encoding: onehot}
                      - {name: device.trusted, default: 1}
                      - v1
                      - v2
                      - v3
                      - v4
                      - v5
                      - v6
                      - v7
                      - v8
                      - v9
                      - v10
                      - v11
                      - v12
                      - v13
                      - v14
                      - v15
                outputs:
                  - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
                  - {name: label, kind: label, labels: [legit, fraud]}
                baseline:
                  amount: {mean: 60.0, stddev: 90.0, bins: {edges: [10, 50, 200], frequencies: [0.25, 0.4, 0.3, 0.05]}}
                  channel: {categories: {pos: 0.6, ecommerce: 0.3, atm: 0.1}}
                """.formatted(version, description);
    }
}
