/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The streaming engine scores through common-model and knows neither the batch engine nor the tools. */
class LayeringTest {
    @Test
    void scoresOnlyThroughTheModelLibraryAndKnowsNoOtherEngineOrTool() {
        Layering.checkEngine("dev.inferstream.streaming", Layering.BATCH, Layering.CTL, Layering.CONSOLE);
    }
}
