/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPublisherTest {
    @TempDir
    Path dir;

    @Test
    void draftListsEachInputValueAsAPlaceholderAndGuessesOutputKinds() {
        String yaml = ManifestDraft.from(TestModels.logisticRegression(4, 1).onnx(), "payments");

        assertThat(yaml)
                .contains("name: payments", "version: 1", "- name: features", "type: float32", "4 values per row")
                .contains("TODO_field_1", "TODO_field_4")
                .doesNotContain("TODO_field_5")
                .contains("{name: label, kind: label, labels: [\"0\", \"1\"]}")
                .contains("{name: probabilities, kind: probabilities, labels: [\"0\", \"1\"], positive: \"1\"}");
    }

    @Test
    void draftReadsZipMapAsProbabilitiesAndGivesEachKindToOneOutput() {
        assertThat(ManifestDraft.from(TestModels.treeClassifier(true), "trees"))
                .contains("{name: output_probability, kind: probabilities")
                .contains("{name: label, kind: label");
        assertThat(ManifestDraft.from(TestModels.mlp(6, 4, 3, 2, 1), "mlp"))
                .contains("{name: probabilities, kind: probabilities")
                .contains("{name: embedding, kind: tensor}");
    }

    @Test
    void draftOfSomethingThatIsNotOnnxSaysSo() {
        assertThatThrownBy(() -> ManifestDraft.from(new byte[] {1, 2, 3}, "bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ONNX Runtime cannot read the model");
    }

    @Test
    void publishRefusesADraftWhosePlaceholdersAreNotFilledIn() throws Exception {
        Path folder = folder(TestModels.logisticRegression(4, 1).onnx(), null);

        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.empty()))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("still has 4 placeholder(s)")
                .hasMessageContaining("inputs[0].fields[0] TODO_field_1");
        assertThat(repository().versions("payments")).isEmpty();
    }

    @Test
    void publishTakesTheNextFreeVersionWritesItIntoTheManifestAndReportsTheChecksum() throws Exception {
        byte[] onnx = TestModels.logisticRegression(4, 1).onnx();
        Path folder = folder(onnx, new String[] {"amount", "age", "device.trusted", "hour"});

        ModelPublisher.Published first = ModelPublisher.publish(folder, repository(), OptionalInt.empty());
        ModelPublisher.Published second = ModelPublisher.publish(folder, repository(), OptionalInt.empty());

        assertThat(first.ref()).isEqualTo(new ModelRef("payments", 1));
        assertThat(second.ref()).isEqualTo(new ModelRef("payments", 2));
        assertThat(second.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)));
        assertThat(Files.readString(second.path().resolve("model.yaml")))
                .containsPattern("(?m)^version: 2 ")
                .contains("- amount");
        assertThat(repository().versions("payments")).containsExactly(1, 2);
    }

    @Test
    void publishRefusesAVersionThatExistsAndNamesTheNextFreeOne() throws Exception {
        Path folder = folder(TestModels.logisticRegression(4, 1).onnx(), new String[] {"a", "b", "c", "d"});
        ModelPublisher.publish(folder, repository(), OptionalInt.of(3));

        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.of(3)))
                .hasMessageContaining("payments/3 is already published")
                .hasMessageContaining("publish 4");
    }

    @Test
    void publishChecksTheManifestAgainstTheGraphAsALoadDoesAndPublishesNothingWhenItDoesNotFit() throws Exception {
        Path folder = folder(TestModels.logisticRegression(4, 1).onnx(), new String[] {"a", "b", "c"});

        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.empty()))
                .hasMessageContaining("does not match the graph")
                .hasMessageContaining("takes 4 values per row but the manifest's fields fill 3");
        assertThat(repository().versions("payments")).isEmpty();
    }

    @Test
    void publishChecksAndPublishesTheBackgroundFileTheExplainSectionNames() throws Exception {
        Path folder = folder(TestModels.logisticRegression(4, 1).onnx(), new String[] {"a", "b", "c", "d"});
        Files.writeString(
                folder.resolve("model.yaml"),
                Files.readString(folder.resolve("model.yaml")) + "explain:\n  background: background.csv\n");

        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.empty()))
                .hasMessageContaining("has no background.csv");
        Files.writeString(folder.resolve("background.csv"), "a,b,c,d\n1,2,3,x\n");
        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.empty()))
                .hasMessageContaining("row 1: WRONG_TYPE at field 'd'");
        Files.writeString(folder.resolve("background.csv"), "a,b,c,d\n1,2,3,4\n0,0,0,0\n");

        ModelPublisher.Published published = ModelPublisher.publish(folder, repository(), OptionalInt.empty());

        assertThat(published.path().resolve("background.csv")).hasContent("a,b,c,d\n1,2,3,4\n0,0,0,0");
        assertThat(repository().versions("payments")).containsExactly(1);
    }

    @Test
    void publishOfAFolderWithoutAManifestSaysHowToDraftOne() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bare"));
        Files.write(
                folder.resolve("model.onnx"),
                TestModels.logisticRegression(4, 1).onnx());

        assertThatThrownBy(() -> ModelPublisher.publish(folder, repository(), OptionalInt.empty()))
                .hasMessageContaining("has no model.yaml")
                .hasMessageContaining("scorerctl models init");
    }

    private ModelRepository repository() {
        return new LocalModelRepository(dir.resolve("models"));
    }

    /** A folder with the graph and its drafted manifest, with the placeholders replaced by {@code fields}. */
    private Path folder(byte[] onnx, String[] fields) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Files.write(folder.resolve("model.onnx"), onnx);
        String yaml = ManifestDraft.from(onnx, "payments");
        if (fields != null) {
            for (int i = 0; i < 4; i++) {
                yaml = yaml.replace(
                        "      - TODO_field_" + (i + 1) + "\n", i < fields.length ? "      - " + fields[i] + "\n" : "");
            }
        }
        Files.writeString(folder.resolve("model.yaml"), yaml);
        return folder;
    }
}
