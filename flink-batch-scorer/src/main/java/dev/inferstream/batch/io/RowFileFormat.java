/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Reads whole Avro container files or CSV files ({@link CsvDialect}, header record first) as {@link InputRow}s,
 * remembering each row's file and row number; a row's timestamp is its file's modification time. Files are not
 * split; after a failure a reader skips the rows it had already emitted.
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

    /**
     * The field names of one file as this format reads it: a CSV file's header, an Avro file's top-level fields.
     *
     * @throws IOException when the file cannot be read in this format (the message says why)
     */
    public List<String> fields(Path file) throws IOException {
        FileSystem fs = file.getFileSystem();
        try (InputStream in = fs.open(file)) {
            if (kind == Kind.AVRO) {
                try (DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
                    return avro.getSchema().getFields().stream()
                            .map(Schema.Field::name)
                            .toList();
                }
            }
            try (CsvRows csv = new CsvRows(in, file.toString(), 0)) {
                if (csv.header.isEmpty()) {
                    throw new IOException("it is empty: a CSV input starts with a header row");
                }
                return csv.header;
            } catch (SuppressRestartsException e) {
                throw new IOException(e.getCause().getMessage(), e);
            }
        }
    }

    private Rows open(FileSourceSplit split) throws IOException {
        FSDataInputStream in = FileSystem.get(split.path().toUri()).open(split.path());
        String name = split.path().toString();
        long modified = split.fileModificationTime();
        return kind == Kind.AVRO ? new AvroRows(in, name, modified) : new CsvRows(in, name, modified);
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
                    Arrays.asList(batch).subList(0, n).iterator(), CheckpointedPosition.NO_OFFSET, start);
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    private static final class AvroRows implements Rows {
        private final DataFileStream<GenericRecord> file;
        private final String name;
        private final long modified;
        private long row;

        AvroRows(InputStream in, String name, long modified) throws IOException {
            this.file = new DataFileStream<>(in, new GenericDatumReader<>());
            this.name = name;
            this.modified = modified;
        }

        @Override
        public boolean hasNext() {
            return file.hasNext();
        }

        @Override
        public InputRow next() {
            GenericRecord record = file.next();
            return new InputRow("file", name, 0, row++, modified, null, Map.of(), record);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static final class CsvRows implements Rows {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final String name;
        private final long modified;
        private final List<String> header;
        private long row;

        CsvRows(InputStream in, String name, long modified) throws IOException {
            this.parser = CSVParser.builder()
                    .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .setFormat(CsvDialect.READ)
                    .get();
            this.records = parser.iterator();
            this.name = name;
            this.modified = modified;
            this.header = hasNext() ? List.copyOf(next(records)) : List.of();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException e) {
                throw malformed(e);
            }
        }

        @Override
        public InputRow next() {
            List<String> cells = next(records);
            return new InputRow("file", name, 0, row++, modified, null, Map.of(), new InputRow.CsvCells(header, cells));
        }

        private List<String> next(Iterator<CSVRecord> records) {
            try {
                return records.next().toList();
            } catch (UncheckedIOException e) {
                throw malformed(e);
            }
        }

        /** Not CSV: no restart can read it, so the job fails at once with where the file broke. */
        private SuppressRestartsException malformed(UncheckedIOException e) {
            return new SuppressRestartsException(new IOException(
                    name + " is not valid CSV after row " + row + " (RFC 4180: quote fields that hold commas, quotes "
                            + "or line breaks, and double the quotes inside them): "
                            + e.getCause().getMessage(),
                    e));
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
