/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import static dev.inferstream.model.explain.internals.ExplainFixtures.BINARY;
import static dev.inferstream.model.explain.internals.ExplainFixtures.REGRESSION;
import static dev.inferstream.model.explain.internals.ExplainFixtures.ZIPMAP;
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
import static dev.inferstream.testkit.onnx.Tree.leaf;
import static dev.inferstream.testkit.onnx.Tree.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.testkit.onnx.Tree;
import dev.inferstream.testkit.onnx.TreeModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeShapExplainerTest {
    private static final int F = 6;
    private static final List<FieldSource> BACKGROUND = rows(8, F, 7);
    private static final List<FieldSource> RECORDS = rows(3, F, 99);

    @Test
    void randomForestAttributionsEqualBruteForceShapleyValuesOfTheProbability() throws ModelLoadException {
        List<Tree> trees = Tree.random(20, 4, F, 1, r -> {
            float p = r.nextFloat();
            return new float[] {1 - p, p};
        });
        LoadedModel model =
                loadWithBackground(F, ZIPMAP, TreeModels.randomForestClassifier(F, trees, true), BACKGROUND);
        Explainer explainer = explainer(model);

        assertThat(explainer.method()).as(explainer.summary()).isEqualTo(ExplainMethod.TREE_SHAP);
        assertThat(explainer.space()).isEqualTo(OutputSpace.PROBABILITY);
        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer, x);
            assertThat(values(e))
                    .containsExactly(bruteForce(model, x, BACKGROUND, fieldNames(F), o -> o[1]), within(1e-5));
            assertThat(e.value()).isCloseTo(outputs(model, x)[1], within(1e-5));
            assertThat(e.target()).isEqualTo("fraud");
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void gradientBoostingIsExplainedInLogOddsBeforeTheLogistic() throws ModelLoadException {
        List<Tree> trees = Tree.random(30, 3, F, 2, r -> new float[] {(float) (r.nextGaussian() * 0.3)});
        LoadedModel model =
                loadWithBackground(F, BINARY, TreeModels.gradientBoostingClassifier(F, trees, -0.4f), BACKGROUND);
        Explainer explainer = explainer(model);

        assertThat(explainer.space()).isEqualTo(OutputSpace.LOG_ODDS);
        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer, x);
            double[] exact = bruteForce(model, x, BACKGROUND, fieldNames(F), o -> logit(o[1]));
            assertThat(values(e)).containsExactly(exact, within(1e-4));
            assertThat(e.value()).isCloseTo(logit(outputs(model, x)[1]), within(1e-4));
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void regressorsWithBaseValuesAndAveragingAreExact() throws ModelLoadException {
        List<Tree> trees = Tree.random(10, 3, F, 3, r -> new float[] {(float) (r.nextGaussian() * 100)});
        for (String aggregate : List.of("SUM", "AVERAGE")) {
            LoadedModel model =
                    loadWithBackground(F, REGRESSION, TreeModels.regressor(F, trees, aggregate, 250f), BACKGROUND);
            Explanation e = explain(explainer(model), RECORDS.get(0));
            assertThat(e.space()).isEqualTo(OutputSpace.VALUE);
            assertThat(values(e))
                    .containsExactly(
                            bruteForce(model, RECORDS.get(0), BACKGROUND, fieldNames(F), o -> o[0]), within(1e-3));
            assertThat(e.value()).isCloseTo(outputs(model, RECORDS.get(0))[0], within(1e-3));
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void opsetFiveTreeEnsembleIsExplainedLikeTheOlderOperators() throws ModelLoadException {
        List<Tree> trees = Tree.random(15, 3, F, 4, r -> new float[] {(float) (r.nextGaussian() * 0.5)});
        LoadedModel model = loadWithBackground(
                F, "  - {name: score, kind: score}\n", TreeModels.treeEnsembleV5(F, trees, 0), BACKGROUND);
        Explainer explainer = explainer(model);

        assertThat(explainer.method()).as(explainer.summary()).isEqualTo(ExplainMethod.TREE_SHAP);
        assertThat(explainer.space()).isEqualTo(OutputSpace.VALUE);
        Explanation e = explain(explainer, RECORDS.get(1));
        assertThat(values(e))
                .containsExactly(bruteForce(model, RECORDS.get(1), BACKGROUND, fieldNames(F), o -> o[0]), within(1e-5));
        assertThat(e.value()).isCloseTo(outputs(model, RECORDS.get(1))[0], within(1e-5));
        assertAdditive(e, 1e-9);
    }

    @Test
    void multiclassBoostingExplainsThePredictedClassBeforeTheSoftmax() throws ModelLoadException {
        List<Tree> trees = Tree.random(12, 3, F, 5, r -> new float[] {(float) r.nextGaussian()});
        String outputs = """
                  - {name: probabilities, kind: probabilities, labels: [a, b, c]}
                  - {name: label, kind: label, labels: [a, b, c]}
                """;
        LoadedModel model = loadWithBackground(
                F,
                outputs,
                TreeModels.gradientBoostingMulticlass(F, 3, trees, new float[] {0.1f, -0.2f, 0.3f}),
                BACKGROUND);

        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer(model), x);
            double[] p = outputs(model, x);
            assertThat(e.space()).isEqualTo(OutputSpace.MARGIN);
            assertThat(e.target()).isEqualTo(List.of("a", "b", "c").get(Target.argmax(p)));
            assertAdditive(e, 1e-9);
        }
    }

    @Test
    void aFieldTheTreesNeverSplitOnGetsZero() throws ModelLoadException {
        List<Tree> trees = List.of(
                split(0, 0f, leaf(1f), split(1, 0.5f, leaf(2f), leaf(-1f))),
                split(2, -0.3f, leaf(0.5f), leaf(3f)),
                split(1, 0f, split(0, 1f, leaf(1f), leaf(4f)), leaf(-2f)));
        List<FieldSource> background = rows(8, 4, 11);
        LoadedModel model = loadWithBackground(4, REGRESSION, TreeModels.regressor(4, trees, "SUM", 0f), background);

        Explanation e = explain(explainer(model), row(1.5, -0.2, 2.0, 9.0));

        assertThat(e.attribution("f3")).isZero();
        assertThat(e.attribution("f0")).isNotZero();
        assertAdditive(e, 1e-9);
    }

    @Test
    void symmetricFieldsGetEqualAttributions() throws ModelLoadException {
        List<Tree> trees = List.of(
                split(0, 0f, leaf(1f), leaf(3f)),
                split(1, 0f, leaf(1f), leaf(3f)),
                split(0, 0.5f, split(1, 0.5f, leaf(2f), leaf(-1f)), leaf(5f)),
                split(1, 0.5f, split(0, 0.5f, leaf(2f), leaf(-1f)), leaf(5f)),
                split(2, 0f, leaf(1f), leaf(-1f)));
        List<FieldSource> background =
                List.of(row(-1, 2, 0), row(2, -1, 1), row(0.2, 0.7, -1), row(0.7, 0.2, 2), row(-2, -2, 0));
        LoadedModel model = loadWithBackground(3, REGRESSION, TreeModels.regressor(3, trees, "SUM", 0f), background);

        Explanation e = explain(explainer(model), row(1, 1, 0.5));

        assertThat(e.attribution("f0")).isNotZero().isCloseTo(e.attribution("f1"), within(1e-12));
    }

    @Test
    void aOneHotFieldIsOnePlayerWhoseSlotsMoveTogether() throws ModelLoadException {
        String manifest = """
                name: m
                version: 1
                inputs:
                  - name: features
                    type: float32
                    fields: [amount, {name: channel, vocabulary: [pos, web, atm], encoding: onehot}, age]
                outputs:
                  - {name: variable, kind: score}
                explain:
                  background: background.csv
                """;
        List<Tree> trees = List.of(
                split(1, 0.5f, split(0, 10f, leaf(1f), leaf(2f)), leaf(5f)),
                split(2, 0.5f, split(4, 30f, leaf(-1f), leaf(0f)), split(3, 0.5f, leaf(3f), leaf(7f))));
        String csv = "amount,channel,age\n5,pos,20\n50,web,40\n12,atm,35\n80,pos,60\n";
        LoadedModel model = ExplainFixtures.load(
                manifest,
                TreeModels.regressor(5, trees, "SUM", 0f),
                java.util.Map.of("background.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<FieldSource> background =
                List.of(record(5, "pos", 20), record(50, "web", 40), record(12, "atm", 35), record(80, "pos", 60));
        FieldSource x = record(20, "web", 25);

        Explanation e = explain(explainer(model), x);

        assertThat(e.attributions()).extracting(FieldAttribution::field).containsExactly("amount", "channel", "age");
        assertThat(values(e))
                .containsExactly(
                        bruteForce(model, x, background, List.of("amount", "channel", "age"), o -> o[0]), within(1e-5));
        assertAdditive(e, 1e-9);
    }

    private static FieldSource record(double amount, String channel, double age) {
        return new dev.inferstream.model.features.MapFieldSource(
                java.util.Map.of("amount", amount, "channel", channel, "age", age));
    }

    static Explanation explain(Explainer explainer, FieldSource x) {
        try {
            return explainer.explain(x);
        } catch (ExplainException e) {
            throw new AssertionError(e);
        }
    }
}
