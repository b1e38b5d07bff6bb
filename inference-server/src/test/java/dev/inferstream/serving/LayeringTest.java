/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** Request/response serving scores through common-model and knows no engine or tool. */
class LayeringTest {
    private static final JavaClasses CLASSES = Layering.productionClasses("dev.inferstream.serving");

    @Test
    void scoresOnlyThroughTheModelLibrary() {
        Layering.oneModelCodePath().check(CLASSES);
    }

    @Test
    void dependsOnNoEngineOrTool() {
        Layering.independentOf(Layering.STREAMING, Layering.BATCH, Layering.CTL, Layering.CONSOLE)
                .check(CLASSES);
    }
}
