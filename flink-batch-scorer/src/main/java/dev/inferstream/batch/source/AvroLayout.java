/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Splits an Avro container file at its sync markers: the header is read, then only each block's header (its row
 * count and byte size) — block data is skipped, never decoded — so the splits start at blocks and know their first
 * row number.
 */
final class AvroLayout implements FileLayout {
    private static final int SYNC = 16;

    @Override
    public void plan(FileSystem fs, FileStatus file, long splitBytes, Splits splits) throws IOException {
        try (FSDataInputStream in = fs.open(file.getPath());
                DataFileReader<GenericRecord> header = new DataFileReader<>(
                        new SeekableFile(fs.open(file.getPath()), file.getLen()), new GenericDatumReader<>())) {
            long block = header.previousSync();
            long splitStart = block;
            long splitFirstRow = 0;
            long row = 0;
            byte[] head = new byte[20];
            while (block < file.getLen()) {
                in.seek(block);
                int read = readFully(in, head, (int) Math.min(head.length, file.getLen() - block));
                long[] countAndSize = new long[2];
                int used = varLongs(head, read, countAndSize, file);
                long next = block + used + countAndSize[1] + SYNC;
                row += countAndSize[0];
                if (next - splitStart >= splitBytes || next >= file.getLen()) {
                    splits.add(file, splitStart, next - splitStart, splitFirstRow, row - splitFirstRow, 0, 0);
                    splitStart = next;
                    splitFirstRow = row;
                }
                block = next;
            }
        }
    }

    private static int readFully(FSDataInputStream in, byte[] buffer, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(buffer, n, length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Decodes two zig-zag varints (block row count and byte size); returns the bytes they took. */
    private static int varLongs(byte[] bytes, int available, long[] out, FileStatus file) throws IOException {
        int pos = 0;
        for (int v = 0; v < 2; v++) {
            long raw = 0;
            int shift = 0;
            while (true) {
                if (pos >= available || shift > 63) {
                    throw new EOFException(
                            file.getPath() + " is not a valid Avro container file: a block header " + "is cut short");
                }
                int b = bytes[pos++] & 0xff;
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            out[v] = (raw >>> 1) ^ -(raw & 1);
        }
        return pos;
    }
}
