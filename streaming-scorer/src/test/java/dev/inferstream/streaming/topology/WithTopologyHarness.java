/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the topology's driver tests share: for each test a {@link TopologyHarness} (versions 1 and 2 of model
 * {@code m} in the test's temporary folder, the shared stack's registry), closed after it.
 */
@ExtendWith(LocalStackExtension.class)
abstract class WithTopologyHarness {
    @TempDir
    Path dir;

    TopologyHarness harness;

    @BeforeEach
    void createHarness(TestStack stack) throws Exception {
        harness = new TopologyHarness(stack, dir);
    }

    @AfterEach
    void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }
}
