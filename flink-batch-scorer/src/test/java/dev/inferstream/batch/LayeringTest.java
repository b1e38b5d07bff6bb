/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The batch engine scores through common-model and knows neither the streaming engine, the server nor the tools. */
class LayeringTest {
    @Test
    void scoresOnlyThroughTheModelLibraryAndKnowsNoOtherEngineOrTool() {
        Layering.checkEngine(
                "dev.inferstream.batch", Layering.STREAMING, Layering.SERVING, Layering.CTL, Layering.CONSOLE);
    }
}
