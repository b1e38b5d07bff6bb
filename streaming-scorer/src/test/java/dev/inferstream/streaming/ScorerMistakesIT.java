/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a new user makes starting the scorer ({@code java -jar streaming-scorer.jar}): each stops it within
 * seconds, non-zero, with a message naming the problem and what to do.
 */
@ExtendWith(LocalStackExtension.class)
class ScorerMistakesIT {
    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private TestStack stack;
    private String input;
    private String output;

    @BeforeEach
    void setUp(TestStack stack) throws IOException {
        this.stack = stack;
        input = stack.newTopic("mistakes-in", 1);
        output = stack.newTopic("mistakes-out", 1);
        stack.createTopic(input + ".dlq", 1, Map.of());
        new LocalModelRepository(dir.resolve("models"))
                .publish(
                        new ModelRef("fraud", 1),
                        TestModels.manifest("fraud", 1, 4, TestModels.BINARY_OUTPUTS)
                                .getBytes(StandardCharsets.UTF_8),
                        TestModels.logisticRegression(4, 1).onnx());
    }

    @Test
    void helpAndVersionExitZero() {
        assertRun(scorer(List.of("--help")), 0, "usage: java -jar streaming-scorer.jar --config");
        assertRun(scorer(List.of("--version")), 0, "streaming-scorer " + ProjectVersion.get());
    }

    @Test
    void badOptionAndMissingFileAreUsageErrors() {
        assertRun(scorer(List.of("--conf", "scorer.properties")), 2, "usage:");
        assertRun(scorer(List.of("--config", dir.resolve("nope.properties").toString())), 2, "no configuration file");
    }

    @Test
    void anIncompleteRouteNamesTheKeysItLacks() throws IOException {
        assertRun(start(Map.of("scorer.routes", "a")), 1, "route 'a' is incomplete", "scorer.route.a.input");
    }

    @Test
    void aWrongModelNameOrVersionSaysWhatIsPublished() throws IOException {
        assertRun(start(Map.of("scorer.route.r.model", "frauds")), 1, "model 'frauds' has no published version");
        assertRun(start(Map.of("scorer.route.r.version", "4")), 1, "fraud version 4 is not published", "[1]");
    }

    @Test
    void aMissingTopicPointsToTheKafkaTopicsScript() throws IOException {
        assertRun(
                start(Map.of("scorer.route.r.output", "no-such-topic")),
                1,
                "topics missing: [no-such-topic]",
                "scripts/kafka-topics --bootstrap-server " + stack.bootstrapServers()
                        + " --create --topic no-such-topic");
    }

    @Test
    void unreachableServersAreNamedWithWhatToDo() throws IOException {
        String nowhere = "127.0.0.1:" + CommandRun.freePort();
        assertRun(start(Map.of("schema.registry.url", "http://" + nowhere)), 1, "schema registry", nowhere);
        assertRun(
                start(Map.of("bootstrap.servers", nowhere)),
                1,
                "cannot reach Kafka at " + nowhere,
                "local-stack start");
    }

    /** Starts the scorer with a working route r, changed by {@code overrides}. */
    private CommandRun start(Map<String, String> overrides) throws IOException {
        StringBuilder text = new StringBuilder();
        Map<String, String> config = new java.util.TreeMap<>(Map.of(
                "application.id",
                "mistakes",
                "bootstrap.servers",
                stack.bootstrapServers(),
                "schema.registry.url",
                stack.registryUrl(),
                "scorer.model.repository",
                dir.resolve("models").toString(),
                "scorer.admin.port",
                "-1",
                "scorer.routes",
                "r",
                "scorer.route.r.input",
                input,
                "scorer.route.r.model",
                "fraud",
                "scorer.route.r.output",
                output,
                "state.dir",
                dir.resolve("state").toString()));
        config.putAll(overrides);
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = Files.writeString(dir.resolve("scorer.properties"), text);
        return scorer(List.of("--config", file.toString()));
    }

    private static CommandRun scorer(List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of("-jar", "target/streaming-scorer.jar"));
        command.addAll(args);
        return CommandRun.java(command, Map.of(), Duration.ofSeconds(60));
    }

    private static void assertRun(CommandRun run, int exit, String... words) {
        run.expect(exit, FAST, words);
    }
}
