/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.publish;
import static dev.inferstream.model.Fixtures.randomRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordScorerTest {
    private static final int F = 30;

    @TempDir
    Path dir;

    @Test
    void keylessRecordsGetTheSameArmAndPredictionIdInEveryScorerAndRun() throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir);
        publish(repo, "fraud", 1, numericManifest("fraud", 1, F, BINARY_OUTPUTS), TestModels.mlp(F, 16, 8, 2, 1));
        publish(repo, "fraud", 2, numericManifest("fraud", 2, F, BINARY_OUTPUTS), TestModels.mlp(F, 16, 8, 2, 2));
        DeploymentSpec canary = new DeploymentSpec("fraud", RolloutPolicy.canary(1, 2, 5_000), List.of(), List.of(), 1);
        List<FieldSource> rows = randomRows(400, F, 7);
        Function<Integer, Lineage> kafka = i -> Lineage.kafka("events", i % 3, i, null, 4, 1_000L + i);
        Function<Integer, Lineage> file = i -> Lineage.file("file:/data/events.csv", i, null, 1_000L);

        for (Function<Integer, Lineage> lineage : List.of(kafka, file)) {
            // two scorers (online and batch, or two runs of a job): separate services, differently sized batches
            List<Prediction> first = score(repo, canary, rows, lineage, 400);
            List<Prediction> second = score(repo, canary, rows, lineage, 37);
            assertThat(first).hasSize(400);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(second.get(i).getArm()).isEqualTo(first.get(i).getArm());
                assertThat(second.get(i).getVersion()).isEqualTo(first.get(i).getVersion());
                assertThat(second.get(i).getPredictionId())
                        .isEqualTo(first.get(i).getPredictionId());
                assertThat(second.get(i).getScore()).isEqualTo(first.get(i).getScore());
            }
            assertThat(first.stream().map(Prediction::getArm).distinct()).containsExactlyInAnyOrder("stable", "canary");
        }
    }

    private static List<Prediction> score(
            LocalModelRepository repo,
            DeploymentSpec spec,
            List<FieldSource> rows,
            Function<Integer, Lineage> lineage,
            int batchSize) {
        List<Prediction> out = new ArrayList<>();
        try (ModelService models = new ModelService(repo, InferenceOptions.defaults())) {
            models.deploy(spec).join();
            RecordScorer scorer = new RecordScorer(models, "fraud", "test");
            for (int from = 0; from < rows.size(); from += batchSize) {
                List<RecordScorer.Input> batch = new ArrayList<>();
                for (int i = from; i < Math.min(rows.size(), from + batchSize); i++) {
                    batch.add(RecordScorer.Input.decoded(lineage.apply(i), null, null, Map.of(), rows.get(i), 0));
                }
                for (RecordScorer.Result result : scorer.score(batch)) {
                    out.add(((RecordScorer.Predicted) result).prediction());
                }
            }
        }
        return out;
    }
}
