/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The console drives scorers through topics and HTTP only, and evaluates models through common-model. */
class LayeringTest {
    @Test
    void talksToScorersOnlyThroughTopicsAndHttpAndToModelsThroughTheModelLibrary() {
        Layering.checkTool("dev.inferstream.console");
    }
}
