/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UsageTest {

    @Test
    void everyCommandsHelpFormatsWithoutPicocliWarnings() {
        List<String> commands = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        collect(new CommandLine(new ScorerCtl()), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : commands) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.remove(0);
                args.add("--help");
                StringWriter out = new StringWriter();
                int exit = ScorerCtl.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(out));
                if (exit != 0 || !out.toString().contains("Usage: " + command)) {
                    failures.add(command + " --help: exit " + exit + ", "
                            + out.toString().lines().findFirst().orElse(""));
                }
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(failures).isEmpty();
        assertThat(commands).contains("scorerctl canary", "scorerctl models publish");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void collect(CommandLine cli, List<String> names) {
        names.add(cli.getCommandSpec().qualifiedName());
        cli.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, names));
    }
}
