/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import dev.inferstream.schemas.ProjectVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs a tool's command line: exit 0 done, 1 failed (with a one-line message), 2 usage error. */
final class Tools {
    static final int FAILED = 1;

    private Tools() {}

    static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName()
                    : e.getMessage();
            commandLine.getErr().println(commandLine.getCommandName() + ": " + message);
            commandLine.getErr().flush();
            return FAILED;
        });
        return cli.execute(args);
    }

    static void exit(Object command, String[] args) {
        System.exit(run(command, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** {@code <tool> <project version>} for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Spec
        CommandSpec spec;

        @Override
        public String[] getVersion() {
            return new String[] {ProjectVersion.line(spec.root().name())};
        }
    }
}
