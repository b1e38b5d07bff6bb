/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored format of a waiting record: what a restarted scorer reads back from the changelog. */
class BufferedRecordTest {

    @Test
    void roundTripsEveryFieldIncludingNullsAndHeaderOrder() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        headers.put("ml.model.version", "2".getBytes(StandardCharsets.UTF_8));
        headers.put("empty", null);
        headers.put("ünïcode", new byte[] {0, -1, 7});
        BufferedRecord record = new BufferedRecord(
                Long.MAX_VALUE - 3, "events.v1", 7, 123_456_789_012L, -5L, null, new byte[300], headers, 42);

        BufferedRecord read = BufferedRecord.fromBytes(record.toBytes());

        assertThat(read.seq()).isEqualTo(record.seq());
        assertThat(read.topic()).isEqualTo("events.v1");
        assertThat(read.partition()).isEqualTo(7);
        assertThat(read.offset()).isEqualTo(123_456_789_012L);
        assertThat(read.timestamp()).isEqualTo(-5L);
        assertThat(read.key()).isNull();
        assertThat(read.value()).isEqualTo(new byte[300]);
        assertThat(read.headers().keySet()).containsExactly("trace-id", "ml.model.version", "empty", "ünïcode");
        assertThat(read.headers().get("empty")).isNull();
        assertThat(read.headers().get("ünïcode")).isEqualTo(new byte[] {0, -1, 7});
    }

    @Test
    void aTopicNameOutsideAsciiIsStoredAsModifiedUtf8() {
        BufferedRecord record = new BufferedRecord(3, "tö\u0000pic", 1, 2, 3, null, new byte[] {1}, Map.of(), 0);

        byte[] bytes = record.toBytes();

        assertThat(bytes[9]).as("length high byte").isZero();
        assertThat(bytes[10]).as("ö takes 2 bytes and NUL 2 in modified UTF-8").isEqualTo((byte) 8);
        assertThat(BufferedRecord.fromBytes(bytes).topic()).isEqualTo("tö\u0000pic");
    }

    @Test
    void aTombstoneKeepsItsNullValue() {
        BufferedRecord record =
                new BufferedRecord(0, "t", 0, 0, 0, "k".getBytes(StandardCharsets.UTF_8), null, Map.of(), 0);

        assertThat(BufferedRecord.fromBytes(record.toBytes()).value()).isNull();
    }

    @Test
    void theFormatIsPinned() {
        BufferedRecord record = new BufferedRecord(1, "t", 2, 3, 4, new byte[] {5}, new byte[] {6}, Map.of(), 0);

        assertThat(record.toBytes())
                .as("format 1: changing it breaks restoring buffers written by running scorers")
                .containsExactly(
                        1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
                        4, 0, 0, 0, 1, 5, 0, 0, 0, 1, 6, 0, 0, 0, 0);
    }

    @Test
    void refusesAFormatItDoesNotKnow() {
        byte[] bytes = new BufferedRecord(0, "t", 0, 0, 0, null, null, Map.of(), 0).toBytes();
        bytes[0] = 9;

        assertThatThrownBy(() -> BufferedRecord.fromBytes(bytes)).hasMessageContaining("format 9");
    }
}
