package dev.inferstream.demo;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The demo's model repository: {@code fraud} version 1 (a logistic regression) and version 2 (an MLP), both over
 * 28 values taken from a {@code CardTransaction}: numeric fields, a one-hot channel and a nested, optional field.
 */
final class DemoModels {
    static final String MODEL = "fraud";
    private static final int WIDTH = 28;

    private DemoModels() {}

    static LocalModelRepository write(Path root) throws IOException {
        LocalModelRepository repo = new LocalModelRepository(root);
        if (repo.versions(MODEL).isEmpty()) {
            repo.publish(new ModelRef(MODEL, 1), manifest(1, "logistic regression").getBytes(StandardCharsets.UTF_8),
                    TestModels.logisticRegression(WIDTH, 2026).onnx());
            repo.publish(new ModelRef(MODEL, 2), manifest(2, "two-layer MLP").getBytes(StandardCharsets.UTF_8),
                    TestModels.mlp(WIDTH, 32, 16, 2, 2026));
        }
        return repo;
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
