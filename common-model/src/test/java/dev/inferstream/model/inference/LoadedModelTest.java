/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.load;
import static dev.inferstream.model.Fixtures.map;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.randomRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.Fixtures;
import dev.inferstream.model.Stage;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.testkit.onnx.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoadedModelTest {
    private static final int F = 30;

    @Test
    void logisticRegressionScoresMatchTheReferenceFormula() throws Exception {
        TestModels.LogisticRegression lr = TestModels.logisticRegression(F, 7);
        LoadedModel model = load("lr", 1, numericManifest("lr", 1, F, BINARY_OUTPUTS), lr.onnx());
        List<FieldSource> rows = randomRows(200, F, 1);

        List<Outcome> outcomes = model.score(rows);

        for (int i = 0; i < rows.size(); i++) {
            ScoreResult r = scored(outcomes.get(i));
            double expected = lr.probability(Fixtures.floats(rows.get(i), F));
            assertThat(r.score()).isCloseTo(expected, within(1e-6));
            assertThat(r.classes()).containsExactly("legit", "fraud");
            assertThat(r.probabilities()[0] + r.probabilities()[1]).isCloseTo(1.0, within(1e-6));
            assertThat(r.label()).isEqualTo(expected > 0.5 ? "fraud" : "legit");
        }
        model.retire();
    }

    @Test
    void batchResultsAreBitIdenticalToScoringEachRowAlone() throws Exception {
        LoadedModel mlp = load(
                "mlp",
                1,
                numericManifest("mlp", 1, F, BINARY_OUTPUTS + "  - {name: embedding, kind: tensor}\n"),
                TestModels.mlp(F, 64, 32, 2, 3));
        LoadedModel lr = logisticRegression(3);
        List<FieldSource> rows = randomRows(1024, F, 2);
        for (LoadedModel model : List.of(mlp, lr)) {
            List<ScoreResult> alone = new ArrayList<>();
            for (FieldSource row : rows) {
                alone.add(scored(model.score(row)));
            }
            for (int batch : new int[] {8, 64, 256, 1024}) {
                for (int start = 0; start < rows.size(); start += batch) {
                    List<Outcome> batched = model.score(rows.subList(start, Math.min(rows.size(), start + batch)));
                    for (int i = 0; i < batched.size(); i++) {
                        ScoreResult b = scored(batched.get(i));
                        ScoreResult a = alone.get(start + i);
                        assertThat(b.probabilities())
                                .as("%s row %d in batch %d", model.ref(), start + i, batch)
                                .containsExactly(a.probabilities());
                        assertThat(b.score()).isEqualTo(a.score());
                        assertThat(b.tensors().keySet()).isEqualTo(a.tensors().keySet());
                        b.tensors()
                                .forEach((k, v) -> assertThat(v)
                                        .containsExactly(a.tensors().get(k)));
                    }
                }
            }
            model.retire();
        }
    }

    @Test
    void treeEnsembleClassifierGivesTheTreesProbabilities() throws Exception {
        String manifest = numericManifest("trees", 1, 3, BINARY_OUTPUTS);
        LoadedModel model = load("trees", 1, manifest, TestModels.treeClassifier(false));
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            float[] x = {
                (float) random.nextGaussian(), (float) (random.nextGaussian() + 1), (float) random.nextGaussian()
            };
            ScoreResult r = scored(model.score(row(x)));
            assertThat(r.score()).isCloseTo(TestModels.treeClassifierPositive(x), within(1e-6));
        }
        model.retire();
    }

    @Test
    void zipMapOutputReadsLikeAProbabilityTensor() throws Exception {
        LoadedModel plain =
                load("trees", 1, numericManifest("trees", 1, 3, BINARY_OUTPUTS), TestModels.treeClassifier(false));
        LoadedModel zipped = load("trees", 2, numericManifest("trees", 2, 3, """
                  - {name: output_probability, kind: probabilities, labels: [legit, fraud], positive: fraud}
                  - {name: label, kind: label, labels: [legit, fraud]}
                """), TestModels.treeClassifier(true));
        List<FieldSource> rows = randomRows(50, 3, 9);
        List<Outcome> a = plain.score(rows);
        List<Outcome> b = zipped.score(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(scored(b.get(i)).probabilities())
                    .containsExactly(scored(a.get(i)).probabilities());
            assertThat(scored(b.get(i)).label()).isEqualTo(scored(a.get(i)).label());
        }
        plain.retire();
        zipped.retire();
    }

    @Test
    void treeEnsembleRegressorGivesAScore() throws Exception {
        LoadedModel model = load(
                "price",
                1,
                numericManifest("price", 1, 2, "  - {name: variable, kind: score}\n"),
                TestModels.treeRegressor());
        assertThat(scored(model.score(row(80, 3))).score()).isEqualTo(150_000.0);
        assertThat(scored(model.score(row(120, 3))).score()).isEqualTo(420_000.0);
        assertThat(scored(model.score(row(120, 3))).label()).isNull();
        model.retire();
    }

    @Test
    void stringLabelsAndMulticlassScoresComeThrough() throws Exception {
        LoadedModel model =
                load("tier", 1, numericManifest("tier", 1, 4, """
                  - {name: scores, kind: probabilities, labels: [bronze, silver, gold]}
                  - {name: label, kind: label}
                """), TestModels.linearClassifierWithStringLabels());
        ScoreResult r = scored(model.score(row(0, 0, 5, 0)));
        assertThat(r.label()).isEqualTo("gold");
        assertThat(r.score()).isEqualTo(r.probabilities()[2]);
        model.retire();
    }

    @Test
    void stringInputTensorsAreFedFromTextFields() throws Exception {
        LoadedModel model = load("city", 1, """
                name: city
                version: 1
                inputs: [{name: city, type: string, fields: [city]}]
                outputs: [{name: score, kind: score}]
                """, TestModels.stringInput());
        List<Outcome> out = model.score(
                List.of(new MapFieldSource(map("city", "berlin")), new MapFieldSource(map("city", "oslo"))));
        assertThat(scored(out.get(0)).score()).isCloseTo(0.5, within(1e-6));
        assertThat(scored(out.get(1)).score()).isEqualTo(-1.0);
        model.retire();
    }

    @Test
    void aBadRowFailsAloneAndTheRestOfTheBatchIsScored() throws Exception {
        LoadedModel model = logisticRegression(1);
        List<FieldSource> rows = new ArrayList<>(randomRows(10, F, 4));
        java.util.Map<String, Object> bad = new java.util.HashMap<>(((MapFieldSource) rows.get(3)).values());
        bad.put("f7", Double.NaN);
        rows.set(3, new MapFieldSource(bad));
        java.util.Map<String, Object> missing = new java.util.HashMap<>(((MapFieldSource) rows.get(8)).values());
        missing.remove("f0");
        rows.set(8, new MapFieldSource(missing));

        List<Outcome> outcomes = model.score(rows);

        assertThat(outcomes.get(3)).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(Stage.FEATURE_MAPPING);
            assertThat(f.reason()).isEqualTo("NON_FINITE");
        });
        assertThat(((Outcome.Failed) outcomes.get(8)).reason()).isEqualTo("MISSING_FIELD");
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 7, 9}) {
            assertThat(scored(outcomes.get(i)).score())
                    .isEqualTo(scored(model.score(rows.get(i))).score());
        }
        model.retire();
    }

    @Test
    void refusesCorruptModelFile() {
        byte[] corrupt = new byte[512];
        new Random(1).nextBytes(corrupt);
        assertThatThrownBy(() -> load("lr", 1, numericManifest("lr", 1, F, BINARY_OUTPUTS), corrupt))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot load model lr/1")
                .hasMessageContaining("ONNX Runtime cannot read model.onnx");
    }

    @Test
    void refusesChecksumMismatch() {
        String manifest = numericManifest("lr", 1, F, BINARY_OUTPUTS) + "sha256: " + "ab".repeat(32) + "\n";
        assertThatThrownBy(() -> load(
                        "lr", 1, manifest, TestModels.logisticRegression(F, 1).onnx()))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void acceptsMatchingChecksumAndReportsIt() throws Exception {
        byte[] onnx = TestModels.logisticRegression(F, 1).onnx();
        String sha = LoadedModel.sha256(onnx);
        LoadedModel model = load("lr", 1, numericManifest("lr", 1, F, BINARY_OUTPUTS) + "sha256: " + sha + "\n", onnx);
        assertThat(model.sha256()).isEqualTo(sha).hasSize(64);
        model.retire();
    }

    @Test
    void refusesManifestThatDoesNotMatchTheGraph() {
        byte[] onnx = TestModels.logisticRegression(F, 1).onnx();
        assertThatThrownBy(() -> load("lr", 1, numericManifest("lr", 1, F - 1, BINARY_OUTPUTS), onnx))
                .hasMessageContaining("takes 30 values per row but the manifest's fields fill 29");
        assertThatThrownBy(() -> load(
                        "lr",
                        1,
                        numericManifest("lr", 1, F, BINARY_OUTPUTS).replace("name: features", "name: x"),
                        onnx))
                .hasMessageContaining("declares input 'x'");
        assertThatThrownBy(() -> load(
                        "lr", 1, numericManifest("lr", 1, F, BINARY_OUTPUTS).replace("float32", "float64"), onnx))
                .hasMessageContaining("is FLOAT in the graph but float64 in the manifest");
        assertThatThrownBy(() -> load(
                        "lr",
                        1,
                        numericManifest(
                                "lr", 1, F, "  - {name: probabilities, kind: probabilities, labels: [a, b, c]}\n"),
                        onnx))
                .hasMessageContaining("the graph has 2 classes but the manifest lists 3 labels");
        assertThatThrownBy(() -> load("lr", 1, numericManifest("lr", 1, F, "  - {name: logits, kind: score}\n"), onnx))
                .hasMessageContaining("declares output 'logits'");
        assertThatThrownBy(() ->
                        load("lr", 1, numericManifest("lr", 1, F, "  - {name: probabilities, kind: score}\n"), onnx))
                .hasMessageContaining("expected a float tensor [N] or [N,1]");
    }

    @Test
    void refusesManifestOfAnotherVersion() {
        assertThatThrownBy(() -> load(
                        "lr",
                        2,
                        numericManifest("lr", 1, F, BINARY_OUTPUTS),
                        TestModels.logisticRegression(F, 1).onnx()))
                .hasMessageContaining("model.yaml describes lr/1");
    }

    @Test
    void closesOnlyWhenTheLastLeaseIsReleased() throws Exception {
        LoadedModel model = logisticRegression(1);
        assertThat(model.tryAcquire()).isTrue();
        model.retire();
        assertThat(model.isClosed()).isFalse();
        assertThat(model.score(randomRows(1, F, 1))).hasSize(1);
        model.release();
        assertThat(model.isClosed()).isTrue();
        assertThat(model.tryAcquire()).isFalse();
        assertThatThrownBy(() -> model.score(randomRows(1, F, 1))).hasMessageContaining("is closed");
    }

    /** lr/1: a binary logistic regression over {@code F} numeric fields, its weights drawn from {@code seed}. */
    private static LoadedModel logisticRegression(int seed) throws Exception {
        return load(
                "lr",
                1,
                numericManifest("lr", 1, F, BINARY_OUTPUTS),
                TestModels.logisticRegression(F, seed).onnx());
    }

    static ScoreResult scored(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Scored.class);
        return ((Outcome.Scored) outcome).result();
    }

    private static FieldSource row(float... x) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < x.length; i++) {
            values.put("f" + i, (double) x[i]);
        }
        return new MapFieldSource(values);
    }
}
