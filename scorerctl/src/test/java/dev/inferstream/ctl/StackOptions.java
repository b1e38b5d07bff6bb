/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.util.List;

/** The options that point scorerctl at a test stack's Kafka and registry and at a model repository. */
final class StackOptions {
    private StackOptions() {}

    static List<String> of(TestStack stack, Path repository) {
        return List.of(
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry",
                stack.registryUrl(),
                "--repository",
                repository.toString());
    }
}
