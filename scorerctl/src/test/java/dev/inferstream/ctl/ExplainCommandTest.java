/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scorerctl explain} against a model repository, without Kafka or a scorer. */
class ExplainCommandTest {
    private static final String MANIFEST = """
            name: %s
            version: 1
            inputs:
              - name: features
                type: float32
                fields: [amount, {name: channel, vocabulary: [pos, web], encoding: onehot}, {name: v, length: 2}]
            outputs:
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
            """;
    private static final float[] W = {0.5f, 1f, -1f, 2f, -0.25f};

    @TempDir
    Path dir;

    @BeforeEach
    void publish() throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir);
        byte[] onnx = TestModels.logisticRegression(W, 0f).onnx();
        repo.publish(
                new ModelRef("fraud", 1),
                (MANIFEST.formatted("fraud") + "explain:\n  background: baseline\n"
                                + "baseline:\n  amount: {mean: 2}\n  channel: {categories: {pos: 0.7, web: 0.3}}\n"
                                + "  v: {mean: 0}\n")
                        .getBytes(StandardCharsets.UTF_8),
                onnx,
                Map.of());
        repo.publish(new ModelRef("plain", 1), MANIFEST.formatted("plain").getBytes(StandardCharsets.UTF_8), onnx);
    }

    @Test
    void printsEachFieldsAttributionTheBaseValueAndTheExplainedOutput() throws Exception {
        Run run =
                run("explain", "fraud", "--field", "amount=4", "--field", "channel=web", "--field", "v=1,2", "--json");

        assertThat(run.exit).as(run.err).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.path("method").asText()).isEqualTo("LINEAR");
        assertThat(json.path("space").asText()).isEqualTo("LOG_ODDS");
        assertThat(json.path("version").asInt()).isEqualTo(1);
        // against the baseline row: amount 2, channel pos (the most frequent), v (0, 0)
        // mean)
        assertThat(json.path("attributions").path("amount").asDouble()).isCloseTo(0.5 * (4 - 2), within(1e-6));
        assertThat(json.path("attributions").path("channel").asDouble()).isCloseTo(-1 - 1, within(1e-6));
        assertThat(json.path("value").asDouble())
                .isCloseTo(
                        json.path("baseValue").asDouble()
                                + json.path("attributions").path("amount").asDouble()
                                + json.path("attributions").path("channel").asDouble()
                                + json.path("attributions").path("v").asDouble(),
                        within(1e-9));
    }

    @Test
    void topShowsTheLargestAttributionsAndSumsTheRest() {
        Run run = run(
                "explain", "fraud", "--field", "amount=4", "--field", "channel=web", "--field", "v=1,2", "--top", "1");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out)
                .contains("fraud/1: linear (exact)")
                .contains("log-odds of 'fraud'")
                .contains("channel -2.000000")
                .contains("(2 more)")
                .doesNotContain("amount ");
    }

    @Test
    void refusesUnknownAndMissingFieldsAndModelsWithoutAnExplainSection() {
        assertThat(run("explain", "fraud", "--field", "amout=4").err)
                .contains("--field amout: the model reads no such field; its fields are [amount, channel, v]");
        assertThat(run("explain", "fraud", "--field", "amount=4").err)
                .contains("give a value for every field without a default: missing [channel, v]");
        Run plain = run("explain", "plain", "--field", "amount=4", "--field", "channel=web", "--field", "v=1,2");
        assertThat(plain.exit).isEqualTo(1);
        assertThat(plain.err).contains("plain/1 has no explain section");
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--repository", dir.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScorerCtl.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {}
}
