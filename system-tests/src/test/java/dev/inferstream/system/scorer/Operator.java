/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.scorer;

import dev.inferstream.ctl.ScorerCtl;
import dev.inferstream.system.stack.Cluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code scorerctl} as an operator runs it: with a client configuration file, on one scenario's control topics. */
public final class Operator {
    private final List<String> options;

    private Operator(List<String> options) {
        this.options = options;
    }

    /** What one command printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {
        /** Both outputs, for failure messages. */
        public String printed() {
            return out + err;
        }
    }

    /**
     * An operator acting as {@code as} (its settings written to {@code <dir>/<name>.properties}), publishing from
     * {@code repository} to the deployments topic {@code control} (status on {@code control.status}).
     */
    public static Operator of(Cluster as, Path dir, String name, String repository, String control) {
        Path file = dir.resolve(name + ".properties");
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(file)) {
                as.client().store(w, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Operator(List.of(
                "--client-config",
                file.toString(),
                "--repository",
                repository,
                "--control-topic",
                control,
                "--status-topic",
                control + ".status"));
    }

    /** Runs {@code scorerctl <command>} and returns what it printed. */
    public Result run(String... command) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScorerCtl.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
