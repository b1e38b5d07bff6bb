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
import java.nio.charset.StandardCharsets;
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

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(seq);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(offset);
            out.writeLong(timestamp);
            writeBytes(out, key);
            writeBytes(out, value);
            out.writeInt(headers.size());
            for (Map.Entry<String, byte[]> h : headers.entrySet()) {
                writeBytes(out, h.getKey().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, h.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
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
