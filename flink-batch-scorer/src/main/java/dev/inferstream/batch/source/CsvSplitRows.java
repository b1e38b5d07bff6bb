/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.CsvDialect;
import dev.inferstream.batch.io.InputRow;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * The rows of a CSV split: the file's header record, then the split's bytes parsed as {@link CsvDialect} records. A
 * file that is not valid CSV fails the job at once (no restart can read it), naming the file and the last good row.
 */
final class CsvSplitRows implements SplitRows {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RowSplit split;
    private final String name;
    private final List<String> header;
    private long index;

    CsvSplitRows(RowSplit split) throws IOException {
        this.split = split;
        this.name = split.path().toString();
        this.header = header(split);
        FSDataInputStream in = split.path().getFileSystem().open(split.path());
        in.seek(split.offset());
        this.parser = CSVParser.builder()
                .setReader(new InputStreamReader(new Bounded(in, split.length()), StandardCharsets.UTF_8))
                .setFormat(CsvDialect.READ)
                .get();
        this.records = parser.iterator();
    }

    /** The file's first record. */
    static List<String> header(RowSplit split) throws IOException {
        FileSystem fs = split.path().getFileSystem();
        try (InputStream in = fs.open(split.path());
                CSVParser parser = CSVParser.builder()
                        .setReader(new InputStreamReader(new Bounded(in, split.offset()), StandardCharsets.UTF_8))
                        .setFormat(CsvDialect.READ)
                        .get()) {
            Iterator<CSVRecord> it = parser.iterator();
            return it.hasNext() ? List.copyOf(it.next().toList()) : List.of();
        } catch (UncheckedIOException e) {
            throw malformed(split.path().toString(), -1, e);
        }
    }

    @Override
    public InputRow next() {
        try {
            if (index >= split.rows() || !records.hasNext()) {
                return null;
            }
            List<String> cells = records.next().toList();
            return new InputRow(
                    "file",
                    name,
                    0,
                    split.firstRow() + index++,
                    split.fileModificationTime(),
                    null,
                    Map.of(),
                    new InputRow.CsvCells(header, cells));
        } catch (UncheckedIOException e) {
            throw malformed(name, split.firstRow() + index - 1, e);
        }
    }

    /** Not CSV: no restart can read it, so the job fails at once with where the file broke. */
    private static SuppressRestartsException malformed(String name, long row, UncheckedIOException e) {
        return new SuppressRestartsException(new IOException(
                name + " is not valid CSV after " + (row < 0 ? "its header" : "row " + row)
                        + " (RFC 4180: quote fields that hold commas, quotes or line breaks, and double the quotes "
                        + "inside them): " + e.getCause().getMessage(),
                e));
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
