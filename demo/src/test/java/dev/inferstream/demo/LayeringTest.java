/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The demo uses the model library as a user would: through its public API. */
class LayeringTest {
    @Test
    void usesTheModelLibraryThroughItsPublicApiOnly() {
        Layering.checkModelUser("dev.inferstream.demo");
    }
}
