/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import static dev.inferstream.model.explain.internals.ExplainFixtures.BINARY;
import static dev.inferstream.model.explain.internals.ExplainFixtures.csv;
import static dev.inferstream.model.explain.internals.ExplainFixtures.explainer;
import static dev.inferstream.model.explain.internals.ExplainFixtures.load;
import static dev.inferstream.model.explain.internals.ExplainFixtures.loadWithBackground;
import static dev.inferstream.model.explain.internals.ExplainFixtures.manifest;
import static dev.inferstream.model.explain.internals.ExplainFixtures.row;
import static dev.inferstream.model.explain.internals.ExplainFixtures.rows;
import static dev.inferstream.model.explain.internals.ExplainFixtures.values;
import static dev.inferstream.model.explain.internals.TreeShapExplainerTest.explain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The background and method declared in model.yaml are checked when the model loads, like the rest of it. */
class ExplainSetupTest {
    private static final int F = 3;
    private static final float[] W = {1f, -2f, 0.5f};
    private static final byte[] LR = TestModels.logisticRegression(W, 0.2f).onnx();
    private static final List<FieldSource> BACKGROUND = rows(6, F, 2);

    @Test
    void anAvroBackgroundGivesTheSameExplanationsAsTheSameRowsInCsv() throws Exception {
        LoadedModel fromCsv = loadWithBackground(F, BINARY, LR, BACKGROUND);
        LoadedModel fromAvro = load(
                manifest(F, BINARY, "background: background.avro"), LR, Map.of("background.avro", avro(BACKGROUND)));

        FieldSource x = row(0.3, 1.1, -2);
        assertThat(values(explain(explainer(fromAvro), x))).containsExactly(values(explain(explainer(fromCsv), x)));
    }

    @Test
    void theBaselineMeansMakeASingleBackgroundRow() throws ModelLoadException {
        String yaml = manifest(F, BINARY, "background: baseline")
                + "baseline:\n  f0: {mean: 1.0}\n  f1: {mean: -0.5}\n  f2: {mean: 2.0}\n";
        Explanation e = explain(explainer(load(yaml, LR, Map.of())), row(2, 0.5, 2));

        assertThat(e.attribution("f0")).isCloseTo(1.0, within(1e-6));
        assertThat(e.attribution("f1")).isCloseTo(-2.0, within(1e-6));
        assertThat(e.attribution("f2")).isZero();
        assertThat(e.baseValue()).isCloseTo(1 + 1 + 1 + 0.2, within(1e-6));
    }

    @Test
    void backgroundRowsTheModelCannotReadFailTheLoadNamingEachRow() {
        String bad = "f0,f1,f2\n1,2,3\n1,abc,3\n4,5,\n";
        assertThatThrownBy(() -> load(
                        manifest(F, BINARY, "background: background.csv"),
                        LR,
                        Map.of("background.csv", bad.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("explain: background background.csv has rows the model cannot read")
                .hasMessageContaining("row 2: WRONG_TYPE at field 'f1'")
                .hasMessageContaining("'abc' is not a number")
                .hasMessageContaining("row 3: MISSING_FIELD at field 'f2'");
    }

    @Test
    void aBackgroundWithoutAColumnForEveryFieldFailsTheLoad() {
        assertThatThrownBy(() -> load(
                        manifest(F, BINARY, "background: background.csv"),
                        LR,
                        Map.of("background.csv", "f0,f2,extra\n1,2,3\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has no column for [f1]");
    }

    @Test
    void aMissingBackgroundFileFailsTheLoad() {
        assertThatThrownBy(() -> load(manifest(F, BINARY, "background: gone.csv"), LR, Map.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot read the background file gone.csv")
                .hasMessageContaining("publish it beside model.yaml");
    }

    @Test
    void aBaselineWithoutMeansFailsTheLoad() {
        String yaml = manifest(F, BINARY, "background: baseline") + "baseline:\n  f0: {mean: 1.0}\n";
        assertThatThrownBy(() -> load(yaml, LR, Map.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("gives no mean (or categories) for [f1, f2]");
    }

    @Test
    void askingForAnExactMethodTheModelDoesNotAllowFailsTheLoad() {
        assertThatThrownBy(() -> loadWithBackground(F, BINARY, LR, BACKGROUND, "method: tree"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("explain.method is tree but the graph has no tree-ensemble operator");
        assertThatThrownBy(() ->
                        loadWithBackground(F, BINARY, TestModels.mlp(F, 4, 4, 2, 1), BACKGROUND, "method: linear"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("explain.method is linear but");
    }

    @Test
    void explanationsNeedAProbabilitiesOrScoreOutput() {
        String yaml = manifest(F, "  - {name: output, kind: tensor}\n", "background: background.csv");
        assertThatThrownBy(() -> load(yaml, TestModels.identity(F), Map.of("background.csv", csv(BACKGROUND, F))))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("explanations need a probabilities or score output");
    }

    @Test
    void backgroundSizeRowsArePickedBySeed() throws ModelLoadException {
        List<FieldSource> many = rows(100, F, 4);
        Explainer a = explainer(loadWithBackground(F, BINARY, LR, many, "backgroundSize: 10", "seed: 1"));
        Explainer b = explainer(loadWithBackground(F, BINARY, LR, many, "backgroundSize: 10", "seed: 2"));

        assertThat(a.summary()).contains("mean of 10 background rows");
        FieldSource x = row(0, 0, 0);
        assertThat(explain(a, x).baseValue()).isNotEqualTo(explain(b, x).baseValue());
    }

    @Test
    void stringInputsAreExplainedBySamplingWithTheirTextKeptAsText() throws Exception {
        String yaml = """
                name: m
                version: 1
                inputs:
                  - {name: city, type: string, fields: [city]}
                outputs:
                  - {name: score, kind: score}
                explain:
                  background: background.csv
                """;
        LoadedModel model = load(
                yaml,
                TestModels.stringInput(),
                Map.of("background.csv", "city\nberlin\nrome\n".getBytes(StandardCharsets.UTF_8)));

        Explanation e = explain(explainer(model), new MapFieldSource(Map.of("city", "paris")));

        assertThat(e.method()).isEqualTo(ExplainMethod.SAMPLING);
        assertThat(e.baseValue()).isCloseTo((0.5 + 0.1) / 2, within(1e-6));
        assertThat(e.attribution("city")).isCloseTo(0.9 - 0.3, within(1e-6));
    }

    @Test
    void aModelWithoutAnExplainSectionHasNoExplainer() throws ModelLoadException {
        LoadedModel model = dev.inferstream.model.Fixtures.load(
                "m", 1, TestModels.manifest("m", 1, F, TestModels.BINARY_OUTPUTS), LR);

        assertThat(model.explainer()).isEmpty();
    }

    @Test
    void aRecordWhoseFieldsCannotBeMappedIsNotExplained() throws ModelLoadException {
        Explainer explainer = explainer(loadWithBackground(F, BINARY, LR, BACKGROUND));

        assertThatThrownBy(() -> explainer.explain(new MapFieldSource(Map.of("f0", 1.0))))
                .isInstanceOf(ExplainException.class)
                .hasMessageContaining("f1");
    }

    private static byte[] avro(List<FieldSource> rows) throws IOException {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("Row").fields();
        for (int f = 0; f < F; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        Schema schema = fields.endRecord();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, out);
            for (FieldSource row : rows) {
                GenericRecord record = new GenericData.Record(schema);
                for (int f = 0; f < F; f++) {
                    record.put("f" + f, row.value(dev.inferstream.model.manifest.FieldPath.parse("f" + f)));
                }
                writer.append(record);
            }
        }
        return out.toByteArray();
    }
}
