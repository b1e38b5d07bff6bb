/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.OutputColumns;
import dev.inferstream.batch.job.JobOptions.FileOutput;
import dev.inferstream.batch.job.JobOptions.Sink;
import dev.inferstream.batch.job.JobOptions.Source;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks {@code --output-fields}: file outputs only, no empty or repeated names, input columns named as identifiers.
 * Whether each input column exists is checked with the input files ({@link FileCheck}).
 */
final class OutputFields {
    private OutputFields() {}

    /** The checked fields; empty when none were given. */
    static List<String> check(List<String> given, Sink output, Source source, List<String> problems) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (output != null && !(output instanceof FileOutput)) {
            problems.add("--output-fields shapes file outputs: a Kafka output carries the full Prediction envelope");
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        for (String raw : given) {
            String field = raw.trim();
            String column = field.startsWith("input.") ? field.substring("input.".length()) : field;
            if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("--output-fields: '" + raw + "' is not a field name (prediction fields: "
                        + String.join(",", new TreeSet<>(OutputColumns.PREDICTION_FIELDS))
                        + "; input columns: input.<name> or the bare name)");
                continue;
            }
            if (!columns.add(column)) {
                problems.add("--output-fields names the column '" + column + "' twice");
                continue;
            }
            fields.add(field);
        }
        return List.copyOf(fields);
    }

    /** The input columns the fields carry over. */
    static List<String> inputColumns(List<String> fields) {
        return fields.stream()
                .filter(OutputColumns::isInput)
                .map(f -> f.startsWith("input.") ? f.substring("input.".length()) : f)
                .toList();
    }
}
