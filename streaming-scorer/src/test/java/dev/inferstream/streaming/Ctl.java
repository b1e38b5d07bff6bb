/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.ctl.ScorerCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** scorerctl, run in-process against a test's stack, repository and control topics. */
final class Ctl {
    private final List<String> connection;

    Ctl(ScorerFixture fx, String controlTopic, String... more) {
        connection = new ArrayList<>(List.of(
                "--bootstrap-servers",
                fx.stack.bootstrapServers(),
                "--schema-registry",
                fx.stack.registryUrl(),
                "--repository",
                fx.repository.root().toString(),
                "--control-topic",
                controlTopic));
        connection.addAll(Arrays.asList(more));
    }

    /** What one command did. */
    record Run(int exit, String out, String err) {}

    /** Runs one command, which must succeed; returns what it printed. */
    String run(String... args) {
        Run run = attempt(args);
        assertThat(run.exit())
                .as("scorerctl " + String.join(" ", args) + ": " + run.err())
                .isZero();
        return run.out();
    }

    /** Runs one command, which may be refused. */
    Run attempt(String... args) {
        List<String> all = new ArrayList<>(connection);
        all.addAll(Arrays.asList(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScorerCtl.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
