/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    private static final String VALID = """
            name: fraud
            version: 3
            description: card fraud MLP
            sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF
            inputs:
              - name: features
                type: float32
                fields:
                  - amount
                  - {name: device.trusted, default: 0}
                  - {name: channel, vocabulary: [pos, web, atm], encoding: onehot, unknown: ignore}
                  - {name: country, vocabulary: [FR, DE], default: FR}
                  - {name: embedding, length: 4}
              - name: city
                type: string
                fields: [{name: city, default: unknown}]
            outputs:
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
              - {name: hidden, kind: tensor}
            baseline:
              amount: {mean: 52.5, stddev: 20.1, bins: {edges: [10, 50, 100], frequencies: [0.1, 0.4, 0.3, 0.2]}}
              channel: {categories: {pos: 0.6, web: 0.3, atm: 0.1}}
            """;

    @Test
    void parsesEveryPartOfAManifest() throws ManifestException {
        ModelManifest m = parse(VALID);

        assertThat(m.name()).isEqualTo("fraud");
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.sha256()).hasValue("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        InputSpec features = m.inputs().get(0);
        assertThat(features.width()).isEqualTo(1 + 1 + 3 + 1 + 4);
        assertThat(features.fields().get(1).path().segments()).containsExactly("device", "trusted");
        assertThat(features.fields().get(1).defaultValue()).isEqualTo(0.0);
        FieldSpec channel = features.fields().get(2);
        assertThat(channel.encoding()).isEqualTo(FieldSpec.Encoding.ONEHOT);
        assertThat(channel.onUnknown()).isEqualTo(FieldSpec.UnknownCategory.IGNORE);
        assertThat(features.fields().get(3).encoding()).isEqualTo(FieldSpec.Encoding.INDEX);
        assertThat(features.fields().get(3).defaultValue()).isEqualTo("FR");
        assertThat(m.inputs().get(1).type()).isEqualTo(TensorType.STRING);
        assertThat(m.outputs())
                .extracting(OutputSpec::kind)
                .containsExactly(OutputKind.PROBABILITIES, OutputKind.LABEL, OutputKind.TENSOR);
        assertThat(m.baseline().get("amount").binFrequencies()).hasSize(4);
        assertThat(m.baseline().get("channel").categories()).containsEntry("web", 0.3);
        assertThat(m.fieldPaths())
                .extracting(FieldPath::text)
                .containsExactly("amount", "device.trusted", "channel", "country", "embedding", "city");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name          | version: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}] | name: is required
            version zero          | name: m\\nversion: 0\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}] | version: must be a positive integer
            version not a number  | name: m\\nversion: two\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}] | version: must be a whole number
            typo in a key         | name: m\\nversion: 1\\ninput: []\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}] | input: unknown key
            typo in a field key   | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, defualt: 1}]}]\\noutputs: [{name: y, kind: score}] | inputs[0].fields[0].defualt: unknown key
            no inputs             | name: m\\nversion: 1\\ninputs: []\\noutputs: [{name: y, kind: score}] | inputs: must not be empty
            no outputs            | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}] | outputs: is required
            unknown type          | name: m\\nversion: 1\\ninputs: [{name: x, type: half, fields: [a]}]\\noutputs: [{name: y, kind: score}] | inputs[0].type: unknown tensor type 'half'
            onehot without vocab  | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, encoding: onehot}]}]\\noutputs: [{name: y, kind: score}] | onehot encoding needs a vocabulary
            default not in vocab  | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, vocabulary: [p, q], default: r}]}]\\noutputs: [{name: y, kind: score}] | inputs[0].fields[0].default: 'r' is not in the vocabulary
            duplicate category    | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, vocabulary: [p, p]}]}]\\noutputs: [{name: y, kind: score}] | category 'p' is listed twice
            text default numeric  | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, default: high}]}]\\noutputs: [{name: y, kind: score}] | must be a number for a numeric field
            bad field path        | name: m\\nversion: 1\\ninputs: [{name: x, fields: ['a..b']}]\\noutputs: [{name: y, kind: score}] | is not a field path
            encoding on string    | name: m\\nversion: 1\\ninputs: [{name: x, type: string, fields: [{name: a, vocabulary: [p], encoding: index}]}]\\noutputs: [{name: y, kind: score}] | a string tensor takes the category text itself
            unknown output kind   | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: logits}] | outputs[0].kind: 'logits' is not one of
            probabilities no labels | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: probabilities}] | probabilities need their class labels
            positive not a label  | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: probabilities, labels: [a, b], positive: c}] | 'c' is not one of the labels
            two score outputs     | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}, {name: z, kind: score}] | only one output may be of kind score
            duplicate input       | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}, {name: x, fields: [b]}]\\noutputs: [{name: y, kind: score}] | input x is declared twice
            bad sha256            | name: m\\nversion: 1\\nsha256: abc\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}] | sha256: must be 64 hex digits
            bins mismatch         | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nbaseline: {a: {bins: {edges: [1, 2], frequencies: [1]}}} | 2 edges make 3 bins, but 1 frequencies are given
            vector categorical    | name: m\\nversion: 1\\ninputs: [{name: x, fields: [{name: a, length: 2, vocabulary: [p]}]}]\\noutputs: [{name: y, kind: score}] | a categorical field holds one category
            explain typo          | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.csv, sample: 3} | explain.sample: unknown key
            explain no background | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {method: tree} | explain.background: is required
            background in folder  | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: ../b.csv} | must be 'baseline' or the name of a .csv or .avro file
            background not csv    | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.parquet} | must be 'baseline' or the name of a .csv or .avro file
            unknown method        | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.csv, method: kernel} | explain.method: 'kernel' is not one of
            one sample            | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.csv, samples: 1} | explain.samples: must be between 2 and 100000
            no background rows    | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.csv, backgroundSize: 0} | explain.backgroundSize: must be between 1 and 10000
            linear but tree       | name: m\\nversion: 1\\ninputs: [{name: x, fields: [a]}]\\noutputs: [{name: y, kind: score}]\\nexplain: {background: b.csv, method: tree, linearIn: logit} | declares the model linear, but method is tree
            """)
    void refusesInvalidManifestNamingTheProblem(String caseName, String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("models/m/1/model.yaml: ")
                .hasMessageContaining(expected);
    }

    @Test
    void parsesTheExplainSectionWithDefaultsForWhatItLeavesOut() throws ManifestException {
        String base = "name: m\nversion: 1\ninputs: [{name: x, fields: [a]}]\noutputs: [{name: y, kind: score}]\n";

        ExplainSpec full = parse(
                        base + "explain: {background: bg.csv, method: linear, linearIn: identity, samples: 128,"
                                + " backgroundSize: 16, seed: 42}")
                .explain()
                .orElseThrow();
        ExplainSpec defaults =
                parse(base + "explain: {background: baseline}").explain().orElseThrow();

        assertThat(full)
                .isEqualTo(new ExplainSpec(
                        "bg.csv", ExplainSpec.Method.LINEAR, ExplainSpec.LinearIn.IDENTITY, 128, 16, 42));
        assertThat(full.backgroundFile()).hasValue("bg.csv");
        assertThat(defaults)
                .isEqualTo(new ExplainSpec(
                        "baseline",
                        ExplainSpec.Method.AUTO,
                        null,
                        ExplainSpec.DEFAULT_SAMPLES,
                        ExplainSpec.DEFAULT_BACKGROUND_SIZE,
                        0));
        assertThat(defaults.backgroundFile()).isEmpty();
        assertThat(parse(base).explain()).isEmpty();
    }

    @Test
    void refusesTextThatIsNotYaml() {
        assertThatThrownBy(() -> parse("name: [unclosed"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void refusesNonMapping() {
        assertThatThrownBy(() -> parse("- just\n- a list\n")).hasMessageContaining("must be a mapping");
    }

    @Test
    void categoricalFieldsDefaultToIndexEncodingAndErrorOnUnknown() throws ManifestException {
        ModelManifest m = parse("name: m\nversion: 1\ninputs: [{name: x, fields: [{name: c, vocabulary: [a, b]}]}]\n"
                + "outputs: [{name: y, kind: score}]");
        FieldSpec field = m.inputs().get(0).fields().get(0);
        assertThat(field.encoding()).isEqualTo(FieldSpec.Encoding.INDEX);
        assertThat(field.onUnknown()).isEqualTo(FieldSpec.UnknownCategory.ERROR);
        assertThat(field.vocabularyIndex()).containsEntry("b", 1);
        assertThat(List.of(m.inputs().get(0).type())).containsExactly(TensorType.FLOAT32);
    }

    private static ModelManifest parse(String yaml) throws ManifestException {
        return ManifestParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "models/m/1/model.yaml");
    }
}
