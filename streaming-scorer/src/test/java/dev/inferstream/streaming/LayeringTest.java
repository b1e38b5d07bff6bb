/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The streaming engine scores through common-model and knows neither the batch engine nor the tools. */
class LayeringTest {
    private static final JavaClasses CLASSES = Layering.productionClasses("dev.inferstream.streaming");

    @Test
    void scoresOnlyThroughTheModelLibrary() {
        Layering.oneModelCodePath().check(CLASSES);
    }

    @Test
    void dependsOnNoOtherEngineOrTool() {
        Layering.independentOf(Layering.BATCH, Layering.CTL, Layering.CONSOLE).check(CLASSES);
    }
}
