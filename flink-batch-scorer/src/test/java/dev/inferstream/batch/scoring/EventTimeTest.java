/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    @Test
    void readsEpochMillisAndIsoTimesAndDates() {
        assertThat(EventTime.parse(1_700_000_000_000L)).isEqualTo(1_700_000_000_000L);
        assertThat(EventTime.parse("1700000000000")).isEqualTo(1_700_000_000_000L);
        assertThat(EventTime.parse(new Utf8("2026-05-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli());
        assertThat(EventTime.parse("2026-05-01T14:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli());
        assertThat(EventTime.parse("2026-05-01"))
                .isEqualTo(Instant.parse("2026-05-01T00:00:00Z").toEpochMilli());
        assertThat(EventTime.parse(Instant.ofEpochMilli(42))).isEqualTo(42);
    }

    @Test
    void refusesWhatIsNotATimeSayingHowToWriteOne() {
        assertThatThrownBy(() -> EventTime.parse("tomorrow"))
                .hasMessageContaining("'tomorrow' is not a time")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> EventTime.parse(null)).hasMessageContaining("no value");
    }
}
