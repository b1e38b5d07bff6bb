/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The console drives scorers through topics and HTTP only, and evaluates models through common-model. */
class LayeringTest {
    private static final JavaClasses CLASSES = Layering.productionClasses("dev.inferstream.console");

    @Test
    void talksToScorersOnlyThroughTopicsAndHttp() {
        Layering.talksToScorersOnlyThroughTopicsAndHttp().check(CLASSES);
    }

    @Test
    void evaluatesModelsOnlyThroughTheModelLibrary() {
        Layering.oneModelCodePath().check(CLASSES);
    }
}
