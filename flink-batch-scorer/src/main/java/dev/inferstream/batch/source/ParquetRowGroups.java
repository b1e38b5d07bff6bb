/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;

/**
 * The row groups of a Parquet split, read one at a time: the previous row group is closed and no longer referenced
 * from here before the next one is read, so a reader holds the compressed bytes of one row group of the columns it
 * reads (parquet-java reads a row group's column chunks in one go), never two. Callers drop their own column or
 * record readers of a row group before asking for the next.
 */
final class ParquetRowGroups implements AutoCloseable {
    private final ParquetFileReader file;
    private final int count;
    private int index;
    private PageReadStore current;

    /** Opens the row groups of {@code split}, buffers from {@code allocator}. */
    ParquetRowGroups(RowSplit split, ByteBufferAllocator allocator) throws IOException {
        this.file = new ParquetFileReader(
                ParquetFiles.input(split.path(), split.fileSize()),
                ParquetSource.options(split.offset(), split.offset() + split.length(), allocator));
        this.count = file.getRowGroups().size();
    }

    FileMetaData metadata() {
        return file.getFileMetaData();
    }

    /** Reads only these columns of each row group (all by default). */
    void project(List<ColumnDescriptor> columns) {
        file.setRequestedSchema(columns);
    }

    /** Releases the current row group, then reads the next one; null after the last. */
    PageReadStore next() throws IOException {
        release();
        // readRowGroup, not readNextRowGroup: that one keeps the previous row group while it reads the next
        while (index < count && file.getRowGroups().get(index).getRowCount() == 0) {
            index++;
        }
        if (index == count) {
            return null;
        }
        current = file.readRowGroup(index++);
        return current;
    }

    private void release() {
        if (current != null) {
            PageReadStore done = current;
            current = null;
            done.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            release();
        } finally {
            file.close();
        }
    }
}
