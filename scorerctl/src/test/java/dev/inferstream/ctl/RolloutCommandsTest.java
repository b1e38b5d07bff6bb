/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RolloutCommandsTest {

    @Test
    void percentsBecomeBasisPointsWithTwoDecimalsAtMost() {
        assertThat(RolloutCommands.basisPoints(new BigDecimal("5"))).isEqualTo(500);
        assertThat(RolloutCommands.basisPoints(new BigDecimal("0.25"))).isEqualTo(25);
        assertThat(RolloutCommands.basisPoints(new BigDecimal("100.00"))).isEqualTo(10_000);
        assertThatThrownBy(() -> RolloutCommands.basisPoints(new BigDecimal("0.125")))
                .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> RolloutCommands.basisPoints(new BigDecimal("150")))
                .hasMessageContaining("between 0 and 100");
    }
}
