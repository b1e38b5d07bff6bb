/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file written value by value straight into parquet-java's column writers, without its record consumer
 * (which tracks fields per row and writes the nulls of missing ones at each row's end): the caller writes each
 * column's value of a row through {@link #column(int)}, then {@link #endRow()}. Row groups, pages, statistics and
 * the footer are parquet-java's own, as {@code ParquetWriter} writes them (snappy).
 *
 * <p>Flat schemas only: every value is written with repetition level 0.
 */
public final class ParquetColumnsFile implements AutoCloseable {
    private static final CompressionCodecFactory.BytesInputCompressor SNAPPY =
            ParquetCodecs.INSTANCE.getCompressor(CompressionCodecName.SNAPPY);

    private final ParquetFileWriter file;
    private final MessageType schema;
    private final ParquetProperties properties;
    private final long rowGroupBytes;
    private final ColumnWriter[] writers;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rows;
    private boolean closed;

    /** @param properties page, dictionary and statistics settings, per column where they differ */
    public ParquetColumnsFile(OutputFile out, MessageType schema, ParquetProperties properties, long rowGroupBytes)
            throws IOException {
        this.properties = properties;
        this.schema = schema;
        this.rowGroupBytes = rowGroupBytes;
        this.writers = new ColumnWriter[schema.getFieldCount()];
        this.file = new ParquetFileWriter(
                out,
                schema,
                ParquetFileWriter.Mode.OVERWRITE,
                rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                null,
                properties);
        file.start();
        newRowGroup();
    }

    /** The writer of top-level column {@code index} for the current row group. */
    public ColumnWriter column(int index) {
        return writers[index];
    }

    /** Ends a row whose columns have all been written (a null as {@code writeNull(0, 0)}). */
    public void endRow() {
        store.endRecord();
        rows++;
    }

    /** Starts a new row group when the buffered one has reached the row group size; call between rows. */
    public void checkRowGroup() throws IOException {
        if (store.getBufferedSize() >= rowGroupBytes) {
            flushRowGroup();
            releaseRowGroup();
            newRowGroup();
        }
    }

    /** Writes the last row group and the footer with {@code metadata}. */
    public void close(Map<String, String> metadata) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushRowGroup();
            Map<String, String> footer = new HashMap<>(metadata);
            footer.putIfAbsent(ParquetWriter.OBJECT_MODEL_NAME_PROP, "avro");
            file.end(footer);
        } finally {
            releaseRowGroup();
            file.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(Map.of());
    }

    private void newRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withCompressorProvider(column -> SNAPPY)
                .build();
        store = properties.newColumnWriteStore(schema, pages, pages);
        for (int c = 0; c < writers.length; c++) {
            writers[c] = store.getColumnWriter(schema.getColumns().get(c));
        }
    }

    private void flushRowGroup() throws IOException {
        if (rows == 0) {
            return;
        }
        file.startBlock(rows);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        rows = 0;
    }

    private void releaseRowGroup() {
        store.close();
        pages.close();
    }
}
