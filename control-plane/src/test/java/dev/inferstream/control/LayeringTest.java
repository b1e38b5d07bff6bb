/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.testkit.arch.Layering;
import org.junit.jupiter.api.Test;

/** The control plane checks deployments through common-model's public API only. */
class LayeringTest {
    @Test
    void checksDeploymentsThroughTheModelLibrarysPublicApiOnly() {
        Layering.checkModelUser("dev.inferstream.control");
    }
}
