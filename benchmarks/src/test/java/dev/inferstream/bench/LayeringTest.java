/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The benchmarks measure the model library through its public API, as its users call it. */
class LayeringTest {
    @Test
    void measuresTheModelLibraryThroughItsPublicApiOnly() {
        Layering.checkModelUser("dev.inferstream.bench");
    }
}
