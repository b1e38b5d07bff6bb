/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An input record waiting in the micro-batch, with everything needed to score it later or after a restart: its
 * coordinates, timestamp, raw key, value and headers, and when it arrived.
 */
record BufferedRecord(
        long seq,
        String topic,
        int partition,
        long offset,
        long timestamp,
        byte[] key,
        byte[] value,
        Map<String, byte[]> headers,
        long arrivalNanos) {
    private static final byte FORMAT = 1;
    private static final byte[][] NO_NAMES = new byte[0][];

    /**
     * The stored form, written straight into one array of its exact size: the changelogged buffer stores every
     * input record once, so this runs per record.
     */
    byte[] toBytes() {
        return toBytes(topicBytes(topic));
    }

    /** As {@link #toBytes()}, with the topic already encoded by {@link #topicBytes} (a task reads few topics). */
    byte[] toBytes(byte[] topicBytes) {
        int size = 1 + 8 + 2 + topicBytes.length + 4 + 8 + 8 + sized(key) + sized(value) + 4;
        byte[][] names = headers.isEmpty() ? NO_NAMES : new byte[headers.size()][];
        int h = 0;
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            names[h] = header.getKey().getBytes(StandardCharsets.UTF_8);
            size += sized(names[h++]) + sized(header.getValue());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT);
        out.putLong(seq);
        out.putShort((short) topicBytes.length);
        out.put(topicBytes);
        out.putInt(partition);
        out.putLong(offset);
        out.putLong(timestamp);
        putBytes(out, key);
        putBytes(out, value);
        out.putInt(headers.size());
        h = 0;
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            putBytes(out, names[h++]);
            putBytes(out, header.getValue());
        }
        return out.array();
    }

    /** The topic as {@link DataOutputStream#writeUTF} encodes it, without its length. */
    static byte[] topicBytes(String text) {
        boolean ascii = text.length() <= 0xFFFF;
        for (int i = 0; i < text.length() && ascii; i++) {
            char c = text.charAt(i);
            ascii = c > 0 && c < 0x80;
        }
        if (ascii) {
            // Kafka topic names are ASCII letters, digits, '.', '_' and '-': their modified UTF-8 is their ASCII
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] withLength = bytes.toByteArray();
        return Arrays.copyOfRange(withLength, 2, withLength.length);
    }

    private static int sized(byte[] bytes) {
        return 4 + (bytes == null ? 0 : bytes.length);
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length);
            out.put(bytes);
        }
    }

    static BufferedRecord fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException(
                        "buffered record has format " + format + "; this scorer reads " + FORMAT);
            }
            long seq = in.readLong();
            String topic = in.readUTF();
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int count = in.readInt();
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(new String(readBytes(in), StandardCharsets.UTF_8), readBytes(in));
            }
            return new BufferedRecord(seq, topic, partition, offset, timestamp, key, value, headers, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
