/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.testkit.cli.CommandRun;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a new user makes with scorerctl, run as they would run it ({@code java -jar scorerctl.jar}): each
 * fails within seconds with an exit code scripts can test and a message that says what to do.
 */
@ExtendWith(LocalStackExtension.class)
class ScorerCtlMistakesIT {
    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private TestStack stack;

    @BeforeEach
    void setUp(TestStack stack) throws IOException {
        this.stack = stack;
        new LocalModelRepository(dir.resolve("models"))
                .publish(
                        new ModelRef("fraud", 1),
                        TestModels.manifest("fraud", 1, 4, TestModels.BINARY_OUTPUTS)
                                .getBytes(StandardCharsets.UTF_8),
                        TestModels.logisticRegression(4, 1).onnx());
    }

    @Test
    void helpAndVersionExitZero() {
        assertFails(ctl(List.of("--help")), 0, "Usage: scorerctl", "models", "canary");
        assertFails(ctl(List.of("--version")), 0, "scorerctl " + ProjectVersion.get());
        assertFails(ctl(List.of("models", "publish", "--help")), 0, "Usage: scorerctl models publish");
    }

    @Test
    void unreachableKafkaIsReportedWithTheAddressAndWhatToDo() throws IOException {
        String nowhere = "127.0.0.1:" + CommandRun.freePort();
        CommandRun run = run(List.of("--bootstrap-servers", nowhere, "status", "fraud"));

        assertFails(run, 1, "cannot reach Kafka at " + nowhere, "scripts/local-stack start", "--bootstrap-servers");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void unreachableRegistryIsReportedWithTheUrlAndWhatToDo() throws IOException {
        String nowhere = "http://127.0.0.1:" + CommandRun.freePort();
        CommandRun run = run(List.of(
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry", nowhere, "status", "fraud"));

        assertFails(run, 1, "cannot reach the schema registry at " + nowhere, "--schema-registry");
    }

    @Test
    void wrongModelNameOrVersionIsRefusedWithWhatIsPublished() {
        assertFails(ctl(List.of("deploy", "frauds", "1")), 1, "frauds", "not published");
        assertFails(ctl(List.of("deploy", "fraud", "7")), 1, "version(s) [7] are not published", "published: [1]");
    }

    @Test
    void missingFilesAreNamedWithWhatToGive() throws IOException {
        assertFails(ctl(List.of("models", "init", dir.resolve("model.onnx").toString())), 1, "no file", "model.onnx");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertFails(ctl(List.of("models", "publish", empty.toString())), 1, "has no model.onnx");
    }

    @Test
    void badOptionIsAUsageErrorNamingIt() {
        assertFails(ctl(List.of("status", "fraud", "--percent", "3")), 2, "Unknown option", "--percent");
        assertFails(ctl(List.of("deploy", "fraud")), 2, "Missing required parameter", "VERSION");
    }

    /** scorerctl against the test stack and a repository holding fraud/1. */
    private CommandRun ctl(List<String> args) {
        List<String> all = new ArrayList<>(StackOptions.of(stack, dir.resolve("models")));
        all.addAll(args);
        return run(all);
    }

    private static CommandRun run(List<String> args) {
        List<String> command =
                new ArrayList<>(List.of("-jar", Path.of("target/scorerctl.jar").toString()));
        command.addAll(args);
        return CommandRun.java(command, Map.of(), Duration.ofSeconds(30));
    }

    private static void assertFails(CommandRun run, int exit, String... words) {
        run.expect(exit, FAST, words);
    }
}
