/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The model and the one record a command scores or explains ({@code MODEL --field name=value ...}), and a help option
 * of its own: in these commands {@code --version} is the model version.
 */
final class RecordArguments {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit (--version is the model version here).")
    boolean help;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Option(
            names = "--field",
            paramLabel = "NAME=VALUE",
            required = true,
            description = "A field of the record: a number, 1,2,3 for an array field, or a category (repeat)")
    Map<String, String> fields = new LinkedHashMap<>();
}
