/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/local-stack}: help, version, env and mistakes, answered at once with what to do. */
class LocalStackCliIT {
    @TempDir
    Path dir;

    @Test
    void helpVersionAndMistakesAnswerAtOnce() throws Exception {
        assertRun(script(Map.of(), "--help"), 0, "usage: scripts/local-stack start|stop|status|env");
        assertRun(script(Map.of(), "--version"), 0, "local-stack 0.");
        assertRun(script(Map.of(), "restart"), 2, "unknown command 'restart'", "usage:");
        assertRun(script(Map.of(), "start", "--kafka-port", "x"), 2, "--kafka-port takes a port number");
        assertRun(script(Map.of(), "start", "--brokers", "9"), 2, "1 to 5 brokers");
        assertRun(script(Map.of(), "start", "--security", "tls"), 2, "--security takes none or sasl-ssl");
        assertRun(script(Map.of(), "down"), 2, "down needs a node: kafka-1, kafka-2, ... or registry");
        assertRun(script(Map.of(), "up", "kafka-2"), 1, "no stack runs in", "start it first");
        assertRun(script(Map.of(), "env"), 3, "local stack not running: start it with scripts/local-stack start");
        assertRun(
                script(
                        Map.of("INFERSTREAM_BOOTSTRAP_SERVERS", "h:1", "INFERSTREAM_SCHEMA_REGISTRY_URL", "http://h:2"),
                        "env"),
                0,
                "export INFERSTREAM_BOOTSTRAP_SERVERS=h:1",
                "export INFERSTREAM_SCHEMA_REGISTRY_URL=http://h:2");
    }

    private record Run(int exit, String output) {}

    private Run script(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "../scripts/local-stack"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("INFERSTREAM_BOOTSTRAP_SERVERS");
        builder.environment().remove("INFERSTREAM_SCHEMA_REGISTRY_URL");
        builder.environment().put("LOCAL_STACK_DIR", dir.resolve("stack").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out));
    }

    private static void assertRun(Run run, int exit, String... words) {
        assertThat(run.exit()).as(run.output()).isEqualTo(exit);
        assertThat(run.output()).contains(words);
    }
}
