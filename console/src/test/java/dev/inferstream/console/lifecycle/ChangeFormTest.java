/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.control.RolloutChanges;
import dev.inferstream.control.RolloutException;
import dev.inferstream.schemas.Deployment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeFormTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Deployment V1 = RolloutChanges.deploy("m", 1).next(null, "a", null, NOW);

    @Test
    void theWizardsFieldsGiveTheSameChangeAsScorerctl() {
        var change = ChangeForm.parse(
                "m",
                Map.of(
                        "pattern",
                        "canary",
                        "version",
                        "2",
                        "percent",
                        "5",
                        "max-latency-ratio",
                        "1.5",
                        "observe",
                        "30s")::get,
                V1,
                List.of(V1));
        assertThat(change.commandLine())
                .isEqualTo("scorerctl canary m 2 --percent 5 --max-latency-ratio 1.5 --observe 30s");
        assertThat(ChangeForm.parse("m", Map.of("pattern", "ab", "arms", "a=1:50\r\nb=2:50\n")::get, V1, List.of())
                        .commandLine())
                .isEqualTo("scorerctl ab m --arm a=1:50 --arm b=2:50");
    }

    @Test
    void changingTheShareKeepsTheCanarysVersionAndGates() {
        Deployment canary = RolloutChanges.canary(
                        "m", 2, BigDecimal.ONE, new RolloutChanges.Gates(0.01, null, null, 50, "10m"))
                .next(V1, "a", null, NOW);
        var change = ChangeForm.parse("m", Map.of("pattern", "share", "percent", "20")::get, canary, List.of());
        Deployment wider = change.next(canary, "b", null, NOW);
        assertThat(wider.getCanary().getVersion()).isEqualTo(2);
        assertThat(wider.getCanary().getBasisPoints()).isEqualTo(2_000);
        assertThat(wider.getCanary().getGates().getMinSamples()).isEqualTo(50);
        assertThat(wider.getCanary().getGates().getObservationMs()).isEqualTo(600_000);
    }

    @Test
    void restoreNeedsARevisionFromTheHistory() {
        assertThatThrownBy(() ->
                        ChangeForm.parse("m", Map.of("pattern", "restore", "revision", "9")::get, V1, List.of(V1)))
                .isInstanceOf(RolloutException.class)
                .hasMessageContaining("revision 9 of m is not in the history");
        assertThatThrownBy(() -> ChangeForm.parse("m", Map.of("pattern", "canary", "version", "2")::get, V1, List.of()))
                .hasMessageContaining("percent is missing");
        assertThatThrownBy(() -> ChangeForm.parse("m", Map.of("pattern", "warp")::get, V1, List.of()))
                .hasMessageContaining("unknown pattern 'warp'");
    }
}
