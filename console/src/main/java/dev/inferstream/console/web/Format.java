/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** How numbers, times and levels look on the pages; "—" wherever nothing was observed. */
public final class Format {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {}

    public static String number(Double value, int decimals) {
        if (value == null || value.isNaN()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    public static String millis(Double millis) {
        return millis == null ? "—" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public static String ago(Instant at) {
        if (at == null) {
            return "—";
        }
        long s = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        if (s < 90) {
            return s + " s ago";
        }
        if (s < 5_400) {
            return s / 60 + " min ago";
        }
        if (s < 172_800) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " days ago";
    }

    public static String versions(Collection<Integer> versions) {
        return versions.isEmpty()
                ? "none"
                : String.join(", ", versions.stream().map(v -> "v" + v).toList());
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** {@code ok}, {@code warn} or {@code bad} for a figure where higher is worse; empty when unknown. */
    public static String level(Double value, double warn, double bad) {
        if (value == null || value.isNaN()) {
            return "";
        }
        return value >= bad ? "bad" : value >= warn ? "warn" : "ok";
    }
}
