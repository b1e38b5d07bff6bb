/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import picocli.CommandLine.Option;

/** The {@code -h, --help} option of the commands whose {@code --version} is a model version, not scorerctl's. */
final class HelpOnly {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit (--version is the model version here).")
    boolean help;
}
