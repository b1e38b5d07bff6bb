/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.randomRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationsTest {
    private static final int F = 5;
    private static final float[] W = {2f, -1f, 0.5f, 0f, -3f};

    @TempDir
    Path dir;

    @Test
    void aPredictionCarriesItsTopAttributionsAndTheRestAddsUpToTheExplainedValue() throws Exception {
        try (ModelService models = service(true)) {
            RecordScorer.Predicted predicted = score(models, randomRows(1, F, 3).get(0));

            assertThat(Explanations.attach(predicted, 2)).isEmpty();

            dev.inferstream.schemas.Explanation e = predicted.prediction().getExplanation();
            Explanation full = Explanations.explain(predicted);
            assertThat(e.getMethod()).isEqualTo("LINEAR");
            assertThat(e.getSpace()).isEqualTo("LOG_ODDS");
            assertThat(e.getTarget()).isEqualTo("fraud");
            assertThat(e.getAttributions()).hasSize(2);
            assertThat(e.getAttributions())
                    .extracting(Attribution::getField)
                    .containsExactlyElementsOf(
                            full.top(2).stream().map(a -> a.field()).toList());
            double sum = e.getBaseValue() + e.getOtherFields();
            for (Attribution a : e.getAttributions()) {
                sum += a.getValue();
            }
            assertThat(sum).isCloseTo(e.getValue(), within(1e-9));
            Audit audit = Envelopes.audit(
                    predicted.prediction(), null, predicted.input().fields(), List.of(FieldPath.parse("f0")));
            assertThat(audit.getExplanation()).isEqualTo(e);
        }
    }

    @Test
    void aVersionWithoutAnExplainSectionLeavesThePredictionUnexplainedAndSaysWhy() throws Exception {
        try (ModelService models = service(false)) {
            RecordScorer.Predicted predicted = score(models, randomRows(1, F, 3).get(0));

            assertThat(Explanations.attach(predicted, 3))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("fraud/1 cannot be explained"));
            assertThat(predicted.prediction().getExplanation()).isNull();
        }
    }

    @Test
    void ensemblePredictionsAreNotExplained() throws Exception {
        try (ModelService models = service(true)) {
            RecordScorer.Predicted predicted = score(models, randomRows(1, F, 3).get(0));
            predicted.prediction().setArm("ensemble");

            assertThatThrownBy(() -> Explanations.explain(predicted))
                    .isInstanceOf(ExplainException.class)
                    .hasMessageContaining("combine several versions");
        }
    }

    private ModelService service(boolean explain) throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir.resolve(explain ? "with" : "without"));
        String manifest = numericManifest("fraud", 1, F, BINARY_OUTPUTS)
                + (explain ? "explain:\n  background: background.csv\n" : "");
        StringBuilder csv = new StringBuilder("f0,f1,f2,f3,f4\n");
        for (FieldSource row : randomRows(10, F, 9)) {
            for (int f = 0; f < F; f++) {
                csv.append(f == 0 ? "" : ",").append(row.value(FieldPath.parse("f" + f)));
            }
            csv.append('\n');
        }
        repo.publish(
                new ModelRef("fraud", 1),
                manifest.getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(W, 0.1f).onnx(),
                Map.of("background.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        ModelService models = new ModelService(repo, InferenceOptions.defaults());
        models.deploy(DeploymentSpec.stable("fraud", 1)).join();
        return models;
    }

    private static RecordScorer.Predicted score(ModelService models, FieldSource row) {
        RecordScorer scorer = new RecordScorer(models, "fraud", "test");
        Lineage lineage = Lineage.kafka("events", 0, 1, null, 4, 1_000L);
        RecordScorer.Result result = scorer.score(
                        List.of(RecordScorer.Input.decoded(lineage, null, null, Map.of(), row, 0)))
                .get(0);
        Prediction prediction = ((RecordScorer.Predicted) result).prediction();
        assertThat(prediction.getExplanation()).isNull();
        return (RecordScorer.Predicted) result;
    }
}
