/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of a Parquet split as Avro records (parquet-avro's materializer): the row groups whose middle lies in the
 * split's byte range, which are exactly the split's row groups, read one row group at a time ({@link
 * ParquetRowGroups}).
 */
final class ParquetSplitRows implements SplitRows {
    private final ParquetRowGroups groups;
    private final RowSplit split;
    private final String name;
    private final MessageColumnIO columns;
    private final RecordMaterializer<GenericRecord> materializer;
    private RecordReader<GenericRecord> rows;
    private long rowsLeftInGroup;
    private long index;

    ParquetSplitRows(RowSplit split) throws IOException {
        this.split = split;
        this.name = split.path().toString();
        this.groups = new ParquetRowGroups(split, new HeapByteBufferAllocator());
        MessageType schema = groups.metadata().getSchema();
        Map<String, String> meta = groups.metadata().getKeyValueMetaData();
        // the data model given: without one, parquet-avro looks up a model supplier through Hadoop's Configuration
        AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
        ReadSupport.ReadContext context = support.init(ParquetFiles.configuration(), meta, schema);
        this.materializer = support.prepareForRead(ParquetFiles.configuration(), meta, schema, context);
        this.columns = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), schema);
    }

    @Override
    public InputRow next() throws IOException {
        if (index >= split.rows()) {
            return null;
        }
        while (rowsLeftInGroup == 0) {
            // the finished row group's pages become unreachable before the next one is read
            rows = null;
            PageReadStore group = groups.next();
            if (group == null) {
                return null;
            }
            rows = columns.getRecordReader(group, materializer);
            rowsLeftInGroup = group.getRowCount();
        }
        GenericRecord record = rows.read();
        rowsLeftInGroup--;
        return new InputRow(
                "file", name, 0, split.firstRow() + index++, split.fileModificationTime(), null, Map.of(), record);
    }

    @Override
    public void close() throws IOException {
        rows = null;
        groups.close();
    }
}
