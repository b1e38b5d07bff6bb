/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml must stay valid; no Docker engine is needed to check that. */
class ComposeFileTest {
    private static final Path ROOT =
            Path.of(System.getProperty("inferstream.root", "..")).toAbsolutePath();

    @Test
    void composeFilePassesDockerComposeConfig() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        Process check = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        ROOT.resolve("docker-compose.yml").toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void composeFileDeclaresTheProductionServices() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose)
                .contains(
                        "kafka:",
                        "schema-registry:",
                        "scorer:",
                        "flink-jobmanager:",
                        "prometheus:",
                        "grafana:",
                        "KAFKA_PROCESS_ROLES: broker,controller");
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
