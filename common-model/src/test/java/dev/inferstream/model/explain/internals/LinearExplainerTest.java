/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import static dev.inferstream.model.explain.internals.ExplainFixtures.BINARY;
import static dev.inferstream.model.explain.internals.ExplainFixtures.REGRESSION;
import static dev.inferstream.model.explain.internals.ExplainFixtures.assertAdditive;
import static dev.inferstream.model.explain.internals.ExplainFixtures.bruteForce;
import static dev.inferstream.model.explain.internals.ExplainFixtures.explainer;
import static dev.inferstream.model.explain.internals.ExplainFixtures.fieldNames;
import static dev.inferstream.model.explain.internals.ExplainFixtures.loadWithBackground;
import static dev.inferstream.model.explain.internals.ExplainFixtures.logit;
import static dev.inferstream.model.explain.internals.ExplainFixtures.outputs;
import static dev.inferstream.model.explain.internals.ExplainFixtures.row;
import static dev.inferstream.model.explain.internals.ExplainFixtures.rows;
import static dev.inferstream.model.explain.internals.ExplainFixtures.values;
import static dev.inferstream.model.explain.internals.TreeShapExplainerTest.explain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.testkit.onnx.LinearModels;
import dev.inferstream.testkit.onnx.OnnxGraph;
import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearExplainerTest {
    private static final int F = 6;
    private static final List<FieldSource> BACKGROUND = rows(8, F, 3);
    private static final List<FieldSource> RECORDS = rows(3, F, 42);
    private static final float[] W = {0.8f, -0.5f, 0.3f, 0f, 1.2f, -0.9f};
    private static final float B = -0.3f;

    @Test
    void matMulAddSigmoidIsExplainedExactlyAsWeightTimesDistanceFromTheMean() throws ModelLoadException {
        TestModels.LogisticRegression lr = TestModels.logisticRegression(W, B);
        LoadedModel model = loadWithBackground(F, BINARY, lr.onnx(), BACKGROUND);
        Explainer explainer = explainer(model);

        assertThat(explainer.method()).as(explainer.summary()).isEqualTo(ExplainMethod.LINEAR);
        assertThat(explainer.space()).isEqualTo(OutputSpace.LOG_ODDS);
        double[] mean = mean(BACKGROUND);
        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer, x);
            double[] slots = floats(x);
            for (int f = 0; f < F; f++) {
                assertThat(e.attribution("f" + f)).isCloseTo(W[f] * (slots[f] - mean[f]), within(1e-6));
            }
            assertThat(values(e))
                    .containsExactly(bruteForce(model, x, BACKGROUND, fieldNames(F), o -> logit(o[1])), within(1e-4));
            assertThat(e.value()).isCloseTo(logit(outputs(model, x)[1]), within(1e-4));
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void gemmAndSkl2onnxLinearClassifierLayoutsGiveTheSameAttributions() throws ModelLoadException {
        Explanation reference = explain(
                explainer(loadWithBackground(
                        F, BINARY, TestModels.logisticRegression(W, B).onnx(), BACKGROUND)),
                RECORDS.get(0));
        for (byte[] onnx : List.of(LinearModels.gemmLogistic(W, B), LinearModels.linearClassifierBinary(W, B))) {
            Explainer explainer = explainer(loadWithBackground(F, BINARY, onnx, BACKGROUND));
            assertThat(explainer.method()).as(explainer.summary()).isEqualTo(ExplainMethod.LINEAR);
            Explanation e = explain(explainer, RECORDS.get(0));
            assertThat(e.space()).isEqualTo(OutputSpace.LOG_ODDS);
            assertThat(values(e)).containsExactly(values(reference), within(1e-6));
            assertThat(e.baseValue()).isCloseTo(reference.baseValue(), within(1e-6));
        }
    }

    @Test
    void twoClassSoftmaxIsExplainedInTheLogOddsOfItsClassDifference() throws ModelLoadException {
        float[][] weights = new float[F][2];
        for (int f = 0; f < F; f++) {
            weights[f] = new float[] {0.2f * f, W[f]};
        }
        LoadedModel model = loadWithBackground(
                F, BINARY, LinearModels.softmaxRegression(weights, new float[] {0.1f, -0.2f}), BACKGROUND);

        Explanation e = explain(explainer(model), RECORDS.get(1));

        assertThat(e.space()).isEqualTo(OutputSpace.LOG_ODDS);
        assertThat(values(e))
                .containsExactly(
                        bruteForce(model, RECORDS.get(1), BACKGROUND, fieldNames(F), o -> logit(o[1])), within(1e-4));
        assertAdditive(e, 1e-9);
    }

    @Test
    void multinomialModelsExplainThePredictedClassScoreBeforeTheSoftmax() throws ModelLoadException {
        float[][] weights = {W, {0.1f, 0.2f, -0.3f, 0.4f, 0f, 0.6f}, {-1f, 0f, 1f, 0f, 0.5f, 0.5f}};
        String outputs = """
                  - {name: probabilities, kind: probabilities, labels: [a, b, c]}
                  - {name: label, kind: label, labels: [a, b, c]}
                """;
        LoadedModel model = loadWithBackground(
                F,
                outputs,
                LinearModels.linearClassifierMultinomial(weights, new float[] {0, 0.5f, -0.5f}),
                BACKGROUND);
        double[] mean = mean(BACKGROUND);

        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer(model), x);
            int k = Target.argmax(outputs(model, x));
            assertThat(e.space()).isEqualTo(OutputSpace.MARGIN);
            assertThat(e.target()).isEqualTo(List.of("a", "b", "c").get(k));
            double[] slots = floats(x);
            for (int f = 0; f < F; f++) {
                assertThat(e.attribution("f" + f)).isCloseTo(weights[k][f] * (slots[f] - mean[f]), within(1e-6));
            }
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void linearRegressorsAreExplainedInTheirValue() throws ModelLoadException {
        LoadedModel model = loadWithBackground(F, REGRESSION, LinearModels.linearRegressor(W, 10f), BACKGROUND);

        Explanation e = explain(explainer(model), RECORDS.get(2));

        assertThat(e.space()).isEqualTo(OutputSpace.VALUE);
        assertThat(values(e))
                .containsExactly(bruteForce(model, RECORDS.get(2), BACKGROUND, fieldNames(F), o -> o[0]), within(1e-5));
        assertThat(e.value()).isCloseTo(outputs(model, RECORDS.get(2))[0], within(1e-5));
    }

    @Test
    void anIgnoredFieldGetsZeroAndSymmetricFieldsGetEqualAttributions() throws ModelLoadException {
        float[] w = {0.7f, 0.7f, -1f, 0f};
        List<FieldSource> background = List.of(row(1, -1, 0, 5), row(-1, 1, 2, 3), row(0.5, 0.5, -1, 0));
        LoadedModel model = loadWithBackground(
                4, BINARY, TestModels.logisticRegression(w, 0).onnx(), background);

        Explanation e = explain(explainer(model), row(2, 2, 1, -7));

        assertThat(e.attribution("f3")).isZero();
        assertThat(e.attribution("f0")).isNotZero().isEqualTo(e.attribution("f1"));
    }

    @Test
    void oneHotAndArrayFieldsGetTheSumOfTheirSlots() throws ModelLoadException {
        String manifest = """
                name: m
                version: 1
                inputs:
                  - name: features
                    type: float32
                    fields: [amount, {name: channel, vocabulary: [pos, web, atm], encoding: onehot}, {name: v, length: 2}]
                outputs:
                  - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
                  - {name: label, kind: label, labels: [legit, fraud]}
                explain:
                  background: background.csv
                """;
        float[] w = {0.5f, 1f, -2f, 0.3f, 0.25f, -0.75f};
        String csv = "amount,channel,v\n1,pos,\"[0, 1]\"\n-1,web,\"[2, -1]\"\n0.5,atm,\"[1, 1]\"\n";
        LoadedModel model = ExplainFixtures.load(
                manifest,
                TestModels.logisticRegression(w, 0.1f).onnx(),
                Map.of("background.csv", csv.getBytes(StandardCharsets.UTF_8)));
        List<FieldSource> background =
                List.of(record(1, "pos", 0, 1), record(-1, "web", 2, -1), record(0.5, "atm", 1, 1));
        FieldSource x = record(2, "web", -1, 3);

        Explanation e = explain(explainer(model), x);

        assertThat(e.attributions()).extracting(FieldAttribution::field).containsExactly("amount", "channel", "v");
        assertThat(e.attribution("channel")).isCloseTo(-2 - (1 - 2 + 0.3) / 3, within(1e-6));
        assertThat(e.attribution("v")).isCloseTo(0.25 * (-1 - 1) - 0.75 * (3 - 1.0 / 3), within(1e-6));
        assertThat(values(e))
                .containsExactly(
                        bruteForce(model, x, background, List.of("amount", "channel", "v"), o -> logit(o[1])),
                        within(1e-4));
    }

    @Test
    void aModelDeclaredLinearInTheLogOddsIsMeasuredThroughTheModel() throws ModelLoadException {
        LoadedModel model = loadWithBackground(F, BINARY, scaledLogisticRegression(), BACKGROUND, "linearIn: logit");
        Explainer explainer = explainer(model);

        assertThat(explainer.method()).isEqualTo(ExplainMethod.LINEAR);
        assertThat(explainer.summary()).contains("declared linearIn: logit");
        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer, x);
            assertThat(values(e))
                    .containsExactly(bruteForce(model, x, BACKGROUND, fieldNames(F), o -> logit(o[1])), within(1e-4));
            assertAdditive(e, 1e-4);
        }
    }

    @Test
    void declaringANonLinearModelLinearFailsTheLoad() {
        assertThatThrownBy(() ->
                        loadWithBackground(F, BINARY, TestModels.mlp(F, 8, 4, 2, 1), BACKGROUND, "linearIn: logit"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("declares explain.linearIn: logit but the model is not linear");
    }

    /** A logistic regression whose input is first scaled by a Mul: linear, but not a layer the reader recognises. */
    private static byte[] scaledLogisticRegression() {
        float[] scale = {2f, 0.5f, 1f, 3f, -1f, 0.25f};
        return OnnxGraph.named("scaled_lr")
                .input("features", ElementType.FLOAT, -1, F)
                .initializer("S", new long[] {F}, scale)
                .initializer("W", new long[] {F, 1}, W)
                .initializer("B", new long[] {1}, new float[] {B})
                .initializer("one", new long[] {1}, new float[] {1f})
                .node("Mul", List.of("features", "S"), List.of("scaled"))
                .node("MatMul", List.of("scaled", "W"), List.of("xw"))
                .node("Add", List.of("xw", "B"), List.of("logit"))
                .node("Sigmoid", List.of("logit"), List.of("p1"))
                .node("Sub", List.of("one", "p1"), List.of("p0"))
                .node("Concat", List.of("p0", "p1"), List.of("probabilities"), OnnxGraph.Attribute.of("axis", 1L))
                .node(
                        "ArgMax",
                        List.of("probabilities"),
                        List.of("label"),
                        OnnxGraph.Attribute.of("axis", 1L),
                        OnnxGraph.Attribute.of("keepdims", 0L))
                .output("label", ElementType.INT64, -1)
                .output("probabilities", ElementType.FLOAT, -1, 2)
                .build();
    }

    private static FieldSource record(double amount, String channel, double v0, double v1) {
        return new MapFieldSource(Map.of("amount", amount, "channel", channel, "v", List.of(v0, v1)));
    }

    private static double[] floats(FieldSource x) {
        double[] out = new double[F];
        for (int f = 0; f < F; f++) {
            out[f] = (float) ((Number) x.value(FieldPath.parse("f" + f))).doubleValue();
        }
        return out;
    }

    private static double[] mean(List<FieldSource> rows) {
        double[] mean = new double[F];
        for (FieldSource r : rows) {
            double[] x = floats(r);
            for (int f = 0; f < F; f++) {
                mean[f] += x[f] / rows.size();
            }
        }
        return mean;
    }
}
