/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.testkit.cli.ConfigJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The scorer as users run it, {@code ScorerMain --config file}, in its own JVM, so a test can kill it hard. */
final class ScorerProcess {
    private ScorerProcess() {}

    /** Starts a scorer with {@code config}, logging to {@code <dir>/<name>.log}. */
    static ConfigJvm start(Properties config, Path dir, String name) {
        return ConfigJvm.start(ScorerMain.class.getName(), config, dir, name, List.of("-Xmx512m"));
    }
}
