/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The system tests compare against the model library through its public API only. */
class LayeringTest {
    @Test
    void usesTheModelLibraryThroughItsPublicApiOnly() {
        Layering.checkModelUser("dev.inferstream.system");
    }
}
