/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** scorerctl against a real broker and registry: every change lands on the control topic, or is refused. */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class ScorerCtlIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestStack stack;
    private String control;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        this.stack = stack;
        this.control = stack.newTopic("deployments", 1);
        LocalModelRepository repo = new LocalModelRepository(dir.resolve("models"));
        for (int v = 1; v <= 3; v++) {
            repo.publish(
                    new ModelRef("fraud", v),
                    TestModels.manifest("fraud", v, 30, TestModels.BINARY_OUTPUTS)
                            .getBytes(StandardCharsets.UTF_8),
                    TestModels.mlp(30, 8, 4, 2, v));
        }
        repo.publish(
                new ModelRef("fraud", 4),
                TestModels.manifest("fraud", 4, 30, "  - {name: label, kind: label, labels: [legit, fraud]}\n")
                        .getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(30, 8, 4, 2, 4));
    }

    @Test
    void canaryPromoteAndRollbackArePublishedWithRevisionsAndHistory() throws Exception {
        assertThat(ctl("deploy", "fraud", "1", "--by", "ci", "--reason", "first")
                        .exit())
                .isZero();
        Run canary = ctl("--json", "canary", "fraud", "2", "--percent", "12.5", "--by", "ci");
        assertThat(canary.exit()).as(canary.err()).isZero();
        assertThat(canary.json().get("revision").asInt()).isEqualTo(2);
        assertThat(canary.json().get("canary").get("percent").asDouble()).isEqualTo(12.5);
        assertThat(ctl("shadow", "fraud", "3").exit()).isZero();
        assertThat(ctl("promote", "fraud").exit()).isZero();

        JsonNode status = ctl("--json", "status", "fraud").json();
        assertThat(status.get("deployment").get("stable").asInt()).isEqualTo(2);
        assertThat(status.get("deployment").get("previousStable").asInt()).isEqualTo(1);
        assertThat(status.get("deployment").get("shadows").get(0).asInt()).isEqualTo(3);

        assertThat(ctl("rollback", "fraud", "--reason", "alerts").exit()).isZero();
        assertThat(stableVersion()).isEqualTo(1);

        JsonNode history = ctl("--json", "history", "fraud").json();
        List<String> reasons = new ArrayList<>();
        history.forEach(h ->
                reasons.add(h.get("revision").asInt() + ":" + h.get("reason").asText()));
        assertThat(reasons)
                .containsExactly("1:first", "2:canary v2 at 12.5 %", "3:shadow v3", "4:promote canary", "5:alerts");
        assertThat(ctl("history", "fraud").out()).contains("canary v2 on 12.50 % of keys");
    }

    @Test
    void invalidSpecsAreRefusedWithAClearMessageAndNothingIsPublished() {
        assertThat(ctl("canary", "fraud", "2", "--percent", "5").err())
                .contains("no deployment of fraud")
                .contains("scorerctl deploy fraud <version>");
        assertThat(ctl("deploy", "fraud", "1").exit()).isZero();

        assertRefused(ctl("canary", "fraud", "9", "--percent", "5"), "version(s) [9] are not published");
        assertRefused(ctl("canary", "fraud", "2", "--percent", "150"), "between 0 and 100");
        assertRefused(ctl("ab", "fraud", "--arm", "a=1:60", "--arm", "b=2:60"), "arm weights add up to 120, not 100");
        assertRefused(ctl("ab", "fraud", "--arm", "a=1-60"), "NAME=VERSION:PERCENT");
        assertRefused(ctl("cascade", "fraud", "--first", "2", "--second", "2", "--threshold", "0.9"), "to itself");
        assertRefused(
                ctl("cascade", "fraud", "--first", "4", "--second", "2", "--threshold", "0.9"),
                "must output class probabilities");
        assertRefused(ctl("ensemble", "fraud", "--member", "1", "--member", "4"), "same kinds of outputs");
        assertRefused(
                ctl("ensemble", "fraud", "--member", "1", "--member", "2", "--combiner", "median"),
                "choose one of [mean, weighted-mean, majority-vote]");
        assertRefused(ctl("promote", "fraud"), "no canary, experiment or bandit to promote");
        assertRefused(ctl("shadow", "fraud", "1"), "cannot be a shadow");

        Run history = ctl("--json", "history", "fraud");
        assertThat(history.out()).doesNotContain("\"revision\" : 2");
    }

    @Test
    void ensembleAndCascadeArePublishedAndModelsAreListed() throws Exception {
        assertThat(ctl("deploy", "fraud", "1").exit()).isZero();
        JsonNode ensemble = ctl(
                        "--json",
                        "ensemble",
                        "fraud",
                        "--member",
                        "1:2",
                        "--member",
                        "2",
                        "--combiner",
                        "weighted-mean")
                .json();
        assertThat(ensemble.get("ensemble").get("combiner").asText()).isEqualTo("WEIGHTED_MEAN");
        JsonNode cascade = ctl(
                        "--json",
                        "cascade",
                        "fraud",
                        "--first",
                        "1",
                        "--second",
                        "3",
                        "--threshold",
                        "0.8",
                        "--confidence",
                        "margin")
                .json();
        assertThat(cascade.get("ensemble")).isNull();
        assertThat(cascade.get("cascade").get("threshold").asDouble()).isEqualTo(0.8);

        JsonNode models = ctl("--json", "models", "list").json();
        assertThat(models.get("fraud").toString()).isEqualTo("[1,2,3,4]");
        JsonNode shown = ctl("--json", "models", "show", "fraud", "2").json();
        assertThat(shown.get("sha256").asText()).hasSize(64);
        assertThat(shown.get("features")).hasSize(30);
    }

    @Test
    void theClientConfigFileNamesKafkaAndTheRegistryWhenNoOptionDoes() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(
                config,
                "bootstrap.servers=" + stack.bootstrapServers() + "\nschema.registry.url=" + stack.registryUrl()
                        + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScorerCtl.run(
                new String[] {
                    "--client-config",
                    config.toString(),
                    "--repository",
                    dir.resolve("models").toString(),
                    "--control-topic",
                    control,
                    "deploy",
                    "fraud",
                    "1"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(stableVersion()).isEqualTo(1);
    }

    /** The stable version of fraud that {@code scorerctl status} reports. */
    private int stableVersion() throws Exception {
        return ctl("--json", "status", "fraud")
                .json()
                .get("deployment")
                .get("stable")
                .asInt();
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exit())
                .as("exit code of a refused change; stderr: " + run.err())
                .isEqualTo(1);
        assertThat(run.err()).contains(message);
    }

    private Run ctl(String... args) {
        List<String> all = new ArrayList<>(StackOptions.of(stack, dir.resolve("models")));
        all.addAll(List.of("--control-topic", control, "--status-topic", control + ".status"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScorerCtl.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
