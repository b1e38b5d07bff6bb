/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsampledTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private record Point(Instant at, String arm) {}

    @Test
    void keepsADayOfTwoArmsReportingEveryFiveSecondsInBoundedMemory() {
        Downsampled<Point> series = new Downsampled<>(100, 3_000, Point::at, Point::arm);
        int reports = (int) (Duration.ofHours(30).toSeconds() / 5);
        for (int i = 0; i < reports; i++) {
            Instant at = START.plusSeconds(5L * i);
            series.add(new Point(at, "stable"));
            series.add(new Point(at, "canary"));
        }
        List<Point> kept = series.snapshot();
        Instant newest = kept.get(kept.size() - 1).at();
        assertThat(kept.size()).isLessThanOrEqualTo(3_100);
        assertThat(Duration.between(kept.get(0).at(), newest))
                .as("covers the longest chart range")
                .isGreaterThanOrEqualTo(Duration.ofHours(23).plusMinutes(59))
                .isLessThanOrEqualTo(Downsampled.KEEP);
        assertThat(kept.subList(kept.size() - 100, kept.size()))
                .as("newest points at full resolution")
                .allMatch(p -> !p.at().isBefore(newest.minusSeconds(5 * 50)));
        assertThat(kept.stream().filter(p -> p.arm().equals("canary")).count())
                .as("both arms thinned alike, one point a minute")
                .isBetween(24L * 60, 24L * 60 + 60);
    }

    @Test
    void snapshotIsOldestFirst() {
        Downsampled<Point> series = new Downsampled<>(3, 10, Point::at, Point::arm);
        for (int i = 0; i < 20; i++) {
            series.add(new Point(START.plus(Duration.ofMinutes(i)), "a"));
        }
        List<Point> kept = series.snapshot();
        assertThat(kept).hasSize(13);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i).at()).isAfter(kept.get(i - 1).at());
        }
        assertThat(kept.get(kept.size() - 1).at()).isEqualTo(START.plus(Duration.ofMinutes(19)));
    }
}
