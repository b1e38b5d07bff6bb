/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.testkit.cli.CommandRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code java -jar demo.jar} answers --help and --version, and refuses what it does not know, without a trace. */
class DemoCliIT {
    @Test
    void helpAndVersionExitZeroAndABadOptionIsAUsageError() {
        assertRun(demo("--help"), 0, "usage: java -jar demo/target/demo.jar", "write-models");
        assertRun(demo("--version"), 0, "demo " + ProjectVersion.get());
        CommandRun bad = demo("--bootstrap-servers", "x");
        assertRun(bad, 2, "unknown argument '--bootstrap-servers'", "usage:");
        assertThat(bad.output()).doesNotContain("Exception", "\tat ");
    }

    private static CommandRun demo(String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", "target/demo.jar"));
        command.addAll(List.of(args));
        return CommandRun.java(command, Map.of(), Duration.ofSeconds(60));
    }

    private static void assertRun(CommandRun run, int exit, String... words) {
        run.expect(exit, Duration.ofSeconds(15), words);
    }
}
