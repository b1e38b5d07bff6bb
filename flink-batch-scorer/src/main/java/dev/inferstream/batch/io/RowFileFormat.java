/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Reads whole Avro container files or CSV files (header row first) as {@link InputRow}s, remembering each row's
 * file and row number. Files are not split; after a failure a reader skips the rows it had already emitted.
 */
public final class RowFileFormat implements BulkFormat<InputRow, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    /** The file formats the batch scorer reads and writes. */
    public enum Kind {
        AVRO,
        CSV
    }

    private final Kind kind;

    public RowFileFormat(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Reader<InputRow> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new RowReader(open(split), 0);
    }

    @Override
    public Reader<InputRow> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        RowReader reader = new RowReader(open(split), skip);
        for (long i = 0; i < skip && reader.rows.hasNext(); i++) {
            reader.rows.next();
        }
        return reader;
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<InputRow> getProducedType() {
        return TypeInformation.of(InputRow.class);
    }

    private Rows open(FileSourceSplit split) throws IOException {
        FSDataInputStream in = FileSystem.get(split.path().toUri()).open(split.path());
        String name = split.path().toString();
        return kind == Kind.AVRO ? new AvroRows(in, name) : new CsvRows(in, name);
    }

    /** Rows of one file, closed with it. */
    private interface Rows extends Iterator<InputRow>, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private static final class RowReader implements Reader<InputRow> {
        private final Rows rows;
        private long emitted;

        RowReader(Rows rows, long alreadyEmitted) {
            this.rows = rows;
            this.emitted = alreadyEmitted;
        }

        @Override
        public RecordIterator<InputRow> readBatch() {
            if (!rows.hasNext()) {
                return null;
            }
            InputRow[] batch = new InputRow[BATCH];
            int n = 0;
            while (n < BATCH && rows.hasNext()) {
                batch[n++] = rows.next();
            }
            long start = emitted;
            emitted += n;
            return new IteratorResultIterator<>(
                    java.util.Arrays.asList(batch).subList(0, n).iterator(), CheckpointedPosition.NO_OFFSET, start);
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    private static final class AvroRows implements Rows {
        private final DataFileStream<GenericRecord> file;
        private final String name;
        private long row;

        AvroRows(InputStream in, String name) throws IOException {
            this.file = new DataFileStream<>(in, new GenericDatumReader<>());
            this.name = name;
        }

        @Override
        public boolean hasNext() {
            return file.hasNext();
        }

        @Override
        public InputRow next() {
            GenericRecord record = file.next();
            return new InputRow("file", name, 0, row++, 0L, null, Map.of(), record);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static final class CsvRows implements Rows {
        private final BufferedReader lines;
        private final String name;
        private final List<String> header;
        private String next;
        private long row;

        CsvRows(InputStream in, String name) throws IOException {
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            this.name = name;
            String first = lines.readLine();
            this.header = first == null ? List.of() : List.copyOf(Csv.parse(first));
            this.next = first == null ? null : readLine();
        }

        private String readLine() throws IOException {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && line.isBlank());
            return line;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public InputRow next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            InputRow row = new InputRow(
                    "file", name, 0, this.row++, 0L, null, Map.of(), new InputRow.CsvCells(header, Csv.parse(next)));
            try {
                next = readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + name, e);
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
