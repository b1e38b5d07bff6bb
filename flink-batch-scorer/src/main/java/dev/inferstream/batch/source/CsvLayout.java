/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Splits a CSV file ({@code CsvDialect}) at record boundaries: one pass over its bytes follows the quoting as the
 * parser does (a quote opens a quoted field only at the field's start; {@code ""} inside it is a quote), so a line
 * break inside a quoted field never starts a split. Empty lines are not records. The header record is not a row.
 * UTF-8 is safe to scan byte by byte: no byte of a multi-byte character is a quote, comma or line break.
 */
final class CsvLayout implements FileLayout {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    @Override
    public void plan(FileSystem fs, FileStatus file, long splitBytes, Splits splits) throws IOException {
        long size = file.getLen();
        long record = -1; // record 0 is the header; record r > 0 is row r - 1
        long splitStart = -1;
        long splitFirstRow = 0;
        int state = FIELD_START;
        boolean inRecord = false;
        byte[] buffer = new byte[1 << 16];
        long pos = 0;
        try (InputStream in = fs.open(file.getPath())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++, pos++) {
                    byte b = buffer[i];
                    if (!inRecord) {
                        if (b == '\n' || b == '\r') {
                            continue; // an empty line, or the LF of a CRLF
                        }
                        inRecord = true;
                        state = FIELD_START;
                        record++;
                        if (record == 1) {
                            splitStart = pos;
                        } else if (record > 1 && pos - splitStart >= splitBytes) {
                            splits.add(
                                    file,
                                    splitStart,
                                    pos - splitStart,
                                    splitFirstRow,
                                    record - 1 - splitFirstRow,
                                    0,
                                    0);
                            splitStart = pos;
                            splitFirstRow = record - 1;
                        }
                    }
                    state = next(state, b);
                    if (state < 0) {
                        inRecord = false;
                    }
                }
            }
        }
        if (record >= 1) {
            splits.add(file, splitStart, size - splitStart, splitFirstRow, record - splitFirstRow, 0, 0);
        }
    }

    /** The state after {@code b}; -1 when {@code b} ends the record. */
    private static int next(int state, byte b) {
        boolean eol = b == '\n' || b == '\r';
        return switch (state) {
            case FIELD_START -> b == '"' ? QUOTED : b == ',' ? FIELD_START : eol ? -1 : UNQUOTED;
            case UNQUOTED, QUOTE_IN_QUOTED ->
                b == ',' ? FIELD_START : eol ? -1 : state == UNQUOTED ? UNQUOTED : b == '"' ? QUOTED : UNQUOTED;
            case QUOTED -> b == '"' ? QUOTE_IN_QUOTED : QUOTED;
            default -> throw new IllegalStateException("state " + state);
        };
    }
}
