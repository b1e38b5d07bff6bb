/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The time ranges the rollout panel's charts can show, named as in the {@code range} query parameter. */
public enum ChartRange {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    ONE_DAY("24h", Duration.ofHours(24));

    /** The range shown when none is asked for. */
    public static final ChartRange DEFAULT = FIFTEEN_MINUTES;

    private final String label;
    private final Duration window;

    ChartRange(String label, Duration window) {
        this.label = label;
        this.window = window;
    }

    /** The range named {@code text}, the default when it is null or blank. */
    public static ChartRange parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(values())
                .filter(r -> r.label.equals(text.trim()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown chart range '" + text + "': use one of " + allowed()));
    }

    /** The names a range can be given by, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(ChartRange::label).collect(Collectors.joining(", "));
    }

    public String label() {
        return label;
    }

    public Duration window() {
        return window;
    }
}
