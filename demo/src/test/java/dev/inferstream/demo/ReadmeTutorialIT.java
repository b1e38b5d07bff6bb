/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.testkit.cli.CommandRun;
import dev.inferstream.testkit.onnx.OnnxGraph;
import dev.inferstream.testkit.onnx.OnnxGraph.ElementType;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README's "Bring your own model" tutorial as a user pastes it: every {@code bash} block of the section, in
 * order, in one shell, against the test stack (through the {@code INFERSTREAM_*} variables the tools read). Two
 * lines differ: the Python export is replaced by a graph the test builds with the same input and output names as
 * skl2onnx gives, and the local stack is the test stack, started already.
 */
@ExtendWith(LocalStackExtension.class)
class ReadmeTutorialIT {
    private static final Pattern BLOCK = Pattern.compile("```(bash|python)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyTutorialCommandRunsOnTheStack(TestStack stack) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path model = Files.write(dir.resolve("model.onnx"), skl2onnxLikeLogisticRegression());
        Path script =
                Files.writeString(dir.resolve("tutorial.sh"), script(Files.readString(root.resolve("README.md"))));

        CommandRun run = CommandRun.run(
                List.of("bash", script.toString()),
                Map.of(
                        "INFERSTREAM_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "INFERSTREAM_SCHEMA_REGISTRY_URL", stack.registryUrl(),
                        "SCORER_ADMIN_PORT", Integer.toString(CommandRun.freePort()),
                        "LOCAL_STACK_DIR", dir.resolve("no-stack").toString(),
                        "TUTORIAL_MODEL", model.toString()),
                root,
                Duration.ofMinutes(4));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("TODO_field_1", "TODO_field_4", "{name: probabilities, kind: probabilities")
                .contains("published payments/1", "published payments/2", "sha256")
                .contains("Created topic payments-predictions")
                .contains("sent 3 record(s) to payments")
                .contains("\"ml.model\":\"payments\"", "\"ml.model.version\":", "\"ml.arm\":")
                .contains("\"key\":\"p-2\"", "\"label\":")
                .contains("canary v2 on 50.00 % of keys")
                .contains("batch scoring of payments finished", "3 rows scored")
                .contains("prediction_id,model,version,arm,score,label");
    }

    /** The tutorial's shell blocks as one script; the Python export becomes a copy of the test's graph. */
    static String script(String readme) {
        int start = readme.indexOf("<!-- tutorial:start");
        int end = readme.indexOf("<!-- tutorial:end -->");
        assertThat(start).as("README has the tutorial markers").isPositive();
        assertThat(end).isGreaterThan(start);
        StringBuilder script =
                new StringBuilder("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
        Matcher block = BLOCK.matcher(readme.substring(start, end));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = block.group(1).equals("python")
                    ? "cp \"$TUTORIAL_MODEL\" payments/model.onnx\n"
                    : block.group(2).replace("scripts/local-stack start\n", ": the test stack runs already\n");
            script.append(code);
        }
        assertThat(blocks).as("tutorial blocks").isGreaterThan(8);
        return script.toString();
    }

    /** What skl2onnx exports for a binary LogisticRegression without ZipMap: X [N,4] to label and probabilities. */
    private static byte[] skl2onnxLikeLogisticRegression() {
        return OnnxGraph.named("LogisticRegression")
                .input("X", ElementType.FLOAT, -1, 4)
                .initializer("W", new long[] {4, 1}, new float[] {0.004f, -0.001f, -2f, 0.01f})
                .initializer("B", new long[] {1}, new float[] {-4f})
                .initializer("one", new long[] {1}, new float[] {1f})
                .node("MatMul", List.of("X", "W"), List.of("xw"))
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
}
