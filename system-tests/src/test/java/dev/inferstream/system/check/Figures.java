/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What one scenario run measured, as a row of RELIABILITY.md.
 *
 * @param load events a second the load generator held (acknowledged), 0 when the input was written up front
 * @param duplicates inputs with more than one outcome, plus prediction ids seen twice
 * @param lost inputs with neither a prediction nor a dead letter
 * @param recovery seconds from the fault (or the end of an outage) until every affected partition's records were
 *     scored at normal latency again; the worst over the scenario's faults, NaN when not measured
 */
public record Figures(
        String scenario,
        double load,
        long inputs,
        long predictions,
        long deadLetters,
        long duplicates,
        long lost,
        long outOfOrder,
        long scoreMismatches,
        double recovery,
        String note) {

    /** Markdown table header matching {@link #row()}. */
    public static final String HEADER = """
            | scenario | load (ev/s) | records in | predictions | dead letters | duplicates | lost | out of order | \
            score mismatches | time to recover (s) | notes |
            |---|---|---|---|---|---|---|---|---|---|---|""";

    public String row() {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %s |",
                scenario,
                load == 0 ? "—" : String.format(Locale.ROOT, "%.0f", load),
                inputs,
                predictions,
                deadLetters,
                duplicates,
                lost,
                outOfOrder,
                scoreMismatches,
                Double.isNaN(recovery) ? "—" : String.format(Locale.ROOT, "%.1f", recovery),
                note);
    }

    /** Appends this row to {@code figures.md} in the folder named by {@code reliability.figures}, if set. */
    public Figures record() {
        String folder = System.getProperty("reliability.figures");
        if (folder != null) {
            try {
                Path file = Files.createDirectories(Path.of(folder)).resolve("figures.md");
                Files.writeString(file, row() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        org.slf4j.LoggerFactory.getLogger(Figures.class).info("figures: {}", row());
        return this;
    }
}
