/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.console.state.ArmPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartRangeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void parsesEveryNamedRangeAndDefaultsToFifteenMinutes() {
        assertThat(ChartRange.parse(null)).isEqualTo(ChartRange.FIFTEEN_MINUTES);
        assertThat(ChartRange.parse(" ")).isEqualTo(ChartRange.FIFTEEN_MINUTES);
        assertThat(ChartRange.parse("5m").window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ChartRange.parse("1h").window()).isEqualTo(Duration.ofHours(1));
        assertThat(ChartRange.parse("6h").window()).isEqualTo(Duration.ofHours(6));
        assertThat(ChartRange.parse("24h").window()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void refusesAnUnknownRangeNamingTheAllowedOnes() {
        assertThatThrownBy(() -> ChartRange.parse("7y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'7y'")
                .hasMessageContaining("5m, 15m, 1h, 6h, 24h");
    }

    @Test
    void chartsOnlyThePointsInsideTheRange() {
        List<ArmPoint> points = List.of(point(Duration.ofMinutes(50)), point(Duration.ofMinutes(10)));
        assertThat(pointsCharted(points, ChartRange.FIFTEEN_MINUTES)).isEqualTo(1);
        assertThat(pointsCharted(points, ChartRange.ONE_HOUR)).isEqualTo(2);
        assertThat(pointsCharted(points, ChartRange.FIVE_MINUTES)).isZero();
    }

    private static int pointsCharted(List<ArmPoint> points, ChartRange range) {
        return RolloutView.eventsPerSecond(points, NOW, range.window()).stream()
                .mapToInt(s -> s.points().size())
                .sum();
    }

    private static ArmPoint point(Duration ago) {
        return new ArmPoint(NOW.minus(ago), "s1", 1, "stable", 10.0, 0.0, 1000.0);
    }
}
