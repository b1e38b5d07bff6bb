/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** Request/response serving scores through common-model and knows no engine or tool. */
class LayeringTest {
    @Test
    void scoresOnlyThroughTheModelLibraryAndKnowsNoEngineOrTool() {
        Layering.checkEngine(
                "dev.inferstream.serving", Layering.STREAMING, Layering.BATCH, Layering.CTL, Layering.CONSOLE);
    }
}
