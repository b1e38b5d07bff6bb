/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import static dev.inferstream.model.explain.internals.ExplainFixtures.BINARY;
import static dev.inferstream.model.explain.internals.ExplainFixtures.ZIPMAP;
import static dev.inferstream.model.explain.internals.ExplainFixtures.assertAdditive;
import static dev.inferstream.model.explain.internals.ExplainFixtures.bruteForce;
import static dev.inferstream.model.explain.internals.ExplainFixtures.explainer;
import static dev.inferstream.model.explain.internals.ExplainFixtures.fieldNames;
import static dev.inferstream.model.explain.internals.ExplainFixtures.loadWithBackground;
import static dev.inferstream.model.explain.internals.ExplainFixtures.outputs;
import static dev.inferstream.model.explain.internals.ExplainFixtures.row;
import static dev.inferstream.model.explain.internals.ExplainFixtures.rows;
import static dev.inferstream.model.explain.internals.ExplainFixtures.values;
import static dev.inferstream.model.explain.internals.TreeShapExplainerTest.explain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.testkit.onnx.OnnxGraph;
import dev.inferstream.testkit.onnx.OnnxGraph.Attribute;
import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.onnx.Tree;
import dev.inferstream.testkit.onnx.TreeModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Permutation sampling is approximate: with the stated tolerances it must land near the exact Shapley values, and its
 * additivity, zeros and determinism are exact.
 */
class PermutationExplainerTest {
    /** Largest gap from the exact values allowed with 1024 permutations on these models (probabilities in [0, 1]). */
    static final double TOLERANCE_1024 = 0.01;

    private static final int F = 6;
    private static final List<FieldSource> BACKGROUND = rows(8, F, 5);
    private static final List<FieldSource> RECORDS = rows(3, F, 77);

    @Test
    void approximatesTheExactShapleyValuesOfAnMlp() throws ModelLoadException {
        LoadedModel model = loadWithBackground(F, BINARY, TestModels.mlp(F, 16, 8, 2, 3), BACKGROUND, "samples: 1024");
        Explainer explainer = explainer(model);

        assertThat(explainer.method()).isEqualTo(ExplainMethod.SAMPLING);
        assertThat(explainer.space()).isEqualTo(OutputSpace.PROBABILITY);
        assertThat(explainer.summary()).contains("no exact method applies");
        for (FieldSource x : RECORDS) {
            Explanation e = explain(explainer, x);
            double[] exact = bruteForce(model, x, BACKGROUND, fieldNames(F), o -> o[1]);
            assertThat(values(e)).containsExactly(exact, within(TOLERANCE_1024));
            assertThat(e.value()).isEqualTo(outputs(model, x)[1]);
            assertAdditive(e, 1e-12);
        }
    }

    @Test
    void agreesWithTreeShapOnATreeModelWhenForcedToSample() throws ModelLoadException {
        List<Tree> trees = Tree.random(20, 4, F, 9, r -> {
            float p = r.nextFloat();
            return new float[] {1 - p, p};
        });
        byte[] onnx = TreeModels.randomForestClassifier(F, trees, true);
        Explainer exact = explainer(loadWithBackground(F, ZIPMAP, onnx, BACKGROUND));
        Explainer sampled =
                explainer(loadWithBackground(F, ZIPMAP, onnx, BACKGROUND, "method: sampling", "samples: 1024"));

        assertThat(exact.method()).isEqualTo(ExplainMethod.TREE_SHAP);
        assertThat(sampled.method()).isEqualTo(ExplainMethod.SAMPLING);
        Explanation e = explain(sampled, RECORDS.get(0));
        assertThat(values(e)).containsExactly(values(explain(exact, RECORDS.get(0))), within(TOLERANCE_1024));
        assertThat(e.baseValue()).isCloseTo(explain(exact, RECORDS.get(0)).baseValue(), within(1e-6));
    }

    @Test
    void anIgnoredFieldGetsZeroAndSymmetricFieldsAgreeWithinTheTolerance() throws ModelLoadException {
        List<FieldSource> background = List.of(row(1, 1, 0, 3), row(-1, -1, 2, 0), row(0.5, 0.5, -1, -2));
        LoadedModel model = loadWithBackground(4, BINARY, productModel(), background, "samples: 1024");

        Explanation e = explain(explainer(model), row(1.5, 1.5, 0.5, 10));

        assertThat(e.attribution("f3")).isZero();
        assertThat(e.attribution("f0")).isNotZero().isCloseTo(e.attribution("f1"), within(TOLERANCE_1024));
        assertAdditive(e, 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameExplanationAndAnotherSeedAnother() throws ModelLoadException {
        byte[] onnx = TestModels.mlp(F, 16, 8, 2, 3);
        Explainer first = explainer(loadWithBackground(F, BINARY, onnx, BACKGROUND, "seed: 7"));
        Explainer again = explainer(loadWithBackground(F, BINARY, onnx, BACKGROUND, "seed: 7"));
        Explainer other = explainer(loadWithBackground(F, BINARY, onnx, BACKGROUND, "seed: 8"));

        Explanation e = explain(first, RECORDS.get(1));

        assertThat(explain(first, RECORDS.get(1))).isEqualTo(e);
        assertThat(values(explain(again, RECORDS.get(1)))).containsExactly(values(e));
        assertThat(values(explain(other, RECORDS.get(1)))).isNotEqualTo(values(e));
    }

    @Test
    void defaultSettingsScoreOneBatchOfSixtyFourPermutationsPerExplanation() throws ModelLoadException {
        Explainer explainer = explainer(loadWithBackground(F, BINARY, TestModels.mlp(F, 16, 8, 2, 3), rows(40, F, 1)));

        assertThat(explainer.summary())
                .contains("64 permutations over 32 background rows, " + (1 + 64 * (F - 1)) + " model rows");
    }

    /** {@code p = σ(f0·f1 + f2)}; f3 is read but never used. */
    private static byte[] productModel() {
        return OnnxGraph.named("product")
                .input("features", ElementType.FLOAT, -1, 4)
                .initializer("i0", new long[] {1}, new long[] {0})
                .initializer("i1", new long[] {1}, new long[] {1})
                .initializer("i2", new long[] {1}, new long[] {2})
                .initializer("one", new long[] {1}, new float[] {1f})
                .node("Gather", List.of("features", "i0"), List.of("a"), Attribute.of("axis", 1L))
                .node("Gather", List.of("features", "i1"), List.of("b"), Attribute.of("axis", 1L))
                .node("Gather", List.of("features", "i2"), List.of("c"), Attribute.of("axis", 1L))
                .node("Mul", List.of("a", "b"), List.of("ab"))
                .node("Add", List.of("ab", "c"), List.of("z"))
                .node("Sigmoid", List.of("z"), List.of("p1"))
                .node("Sub", List.of("one", "p1"), List.of("p0"))
                .node("Concat", List.of("p0", "p1"), List.of("probabilities"), Attribute.of("axis", 1L))
                .node(
                        "ArgMax",
                        List.of("probabilities"),
                        List.of("label"),
                        Attribute.of("axis", 1L),
                        Attribute.of("keepdims", 0L))
                .output("label", ElementType.INT64, -1)
                .output("probabilities", ElementType.FLOAT, -1, 2)
                .build();
    }
}
