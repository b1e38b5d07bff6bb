/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An upper bound of the bytes Kafka counts for a record written alone: what the producer compares with {@code
 * max.request.size} and the broker with the topic's {@code max.message.bytes}.
 */
public final class RecordSize {
    /** A record batch's header (61 bytes) plus the most a record's own framing takes (21 bytes). */
    static final int FRAMING = 61 + 21;
    /** The most a header's two length prefixes (varints) take. */
    static final int HEADER_FRAMING = 10;

    private RecordSize() {}

    public static int upperBound(byte[] key, byte[] value, Headers headers) {
        long size = FRAMING + length(key) + length(value);
        for (Header header : headers) {
            size += HEADER_FRAMING + header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
