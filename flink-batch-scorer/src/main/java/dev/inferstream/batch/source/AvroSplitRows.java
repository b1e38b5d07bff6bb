/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;

/** The rows of an Avro split: from the sync marker before its first block, exactly its row count. */
final class AvroSplitRows implements SplitRows {
    private static final int SYNC = 16;

    private final DataFileReader<GenericRecord> file;
    private final RowSplit split;
    private final String name;
    private long index;

    AvroSplitRows(RowSplit split) throws IOException {
        FileSystem fs = split.path().getFileSystem();
        this.file = new DataFileReader<>(
                new SeekableFile(fs.open(split.path()), split.fileSize()), new GenericDatumReader<>());
        this.split = split;
        this.name = split.path().toString();
        file.sync(split.offset() - SYNC);
    }

    @Override
    public InputRow next() throws IOException {
        if (index >= split.rows() || !file.hasNext()) {
            return null;
        }
        GenericRecord record = file.next();
        return new InputRow(
                "file", name, 0, split.firstRow() + index++, split.fileModificationTime(), null, Map.of(), record);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
