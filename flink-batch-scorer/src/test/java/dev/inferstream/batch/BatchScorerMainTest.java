/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.ProjectVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BatchScorerMainTest {

    @Test
    void helpPrintsTheUsageWithEveryOptionAndItsDefaultAndExitsZero() {
        Run run = Run.of("--help");
        assertThat(run.exit).isZero();
        assertThat(run.out)
                .contains("Usage: batch-score")
                .contains("--model-repository=DIR|URI")
                .contains("--input-topic=TOPIC")
                .contains("--dead-letter-topic=TOPIC")
                .contains("--create-topics")
                .contains("--event-time-field=FIELD")
                .contains("--job-name=NAME")
                .contains("--batch-size=N")
                .containsPattern("\\(default:\\s+256\\)")
                .containsPattern("\\(default:\\s+earliest\\)")
                .contains("--restart-attempts=N")
                .contains("--kafka.<key> <value>")
                .contains("Exit codes:");
        assertThat(run.err).isEmpty();
    }

    @Test
    void versionPrintsTheProjectVersionAndExitsZero() {
        Run run = Run.of("--version");
        assertThat(run.exit).isZero();
        assertThat(run.out.trim()).isEqualTo("batch-score " + ProjectVersion.get());
    }

    @Test
    void misuseExitsTwoNamingEveryProblem() {
        Run run = Run.of("--model", "fraud", "--batch-size", "lots", "--modle", "x", "--input", "in.csv");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err)
                .contains("--model-repository is required")
                .contains("'lots' is not an int")
                .contains("Unknown options: '--modle'")
                .contains("give exactly one of --output <folder> and --output-topic <topic>")
                .contains("Usage: batch-score");
        assertThat(run.out).isEmpty();
    }

    /** One in-process run of the entry point with its output captured. */
    private record Run(int exit, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = BatchScorerMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(exit, out.toString(), err.toString());
        }
    }
}
