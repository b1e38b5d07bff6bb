/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import dev.inferstream.system.stack.OwnStack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios on a one-broker stack of their class's own, which they may take apart: the stack starts once for the
 * class in {@code <dir>/stack}, and each scenario works in a folder of its own under {@code dir}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneBrokerScenarios {
    @TempDir
    static Path dir;

    OwnStack stack;

    @BeforeAll
    void startStack() {
        stack = OwnStack.start(dir.resolve("stack"), 1);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
