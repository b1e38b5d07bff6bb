/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleActionTest {
    @Test
    void roundTripsThroughItsJson() {
        ConsoleAction action = new ConsoleAction(
                Instant.parse("2026-03-04T05:06:07.089Z"),
                "alice",
                "admin",
                "publish",
                "fraud",
                "v3 sha256 ab",
                "done");
        assertThat(ConsoleAction.fromJson(action.toJson())).isEqualTo(action);
        ConsoleAction noModel = new ConsoleAction(Instant.EPOCH, "bob", "viewer", "POST /x", null, null, "refused");
        assertThat(ConsoleAction.fromJson(noModel.toJson())).isEqualTo(noModel);
    }
}
