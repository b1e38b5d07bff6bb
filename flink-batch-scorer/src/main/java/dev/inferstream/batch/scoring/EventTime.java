/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A row's event time from a field: epoch milliseconds, or ISO-8601 text ({@code 2026-05-01T12:00:00Z}, a date). */
final class EventTime {
    private EventTime() {}

    /**
     * Epoch milliseconds.
     *
     * @throws IllegalArgumentException when the value is missing or not a time
     */
    static long parse(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("the row has no value");
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        String text = value.toString().trim();
        if (text.matches("-?[0-9]+")) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("'" + text + "' is not a time: write epoch milliseconds or "
                        + "ISO-8601 (2026-05-01T12:00:00Z, 2026-05-01T14:00:00+02:00 or 2026-05-01)");
            }
        }
    }
}
