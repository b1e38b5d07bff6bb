/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Extracts regular files and directories of a gzipped POSIX/GNU tar archive, refusing paths that escape. */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {}

    static void extract(Path archive, Path target) throws IOException {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16)))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException end) {
                    return;
                }
                if (isZero(header)) {
                    return;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(field(header, 124, 12));
                char type = (char) header[156];
                if (type == 'L') {
                    longName = new String(readBody(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'x' || type == 'g') {
                    String path = paxPath(new String(readBody(in, size), StandardCharsets.UTF_8));
                    if (path != null && type == 'x') {
                        longName = path;
                    }
                    continue;
                }
                Path out = target.resolve(name).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry escapes the target folder: " + name);
                }
                if (type == '5') {
                    Files.createDirectories(out);
                } else if (type == '0' || type == '\0') {
                    Files.createDirectories(out.getParent());
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size);
                    }
                    skipPadding(in, size);
                } else {
                    in.skipNBytes(size + padding(size));
                }
            }
        }
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static long octal(String value) {
        String digits = value.trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] readBody(DataInputStream in, long size) throws IOException {
        byte[] body = in.readNBytes((int) size);
        skipPadding(in, size);
        return body;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        in.skipNBytes(padding(size));
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
