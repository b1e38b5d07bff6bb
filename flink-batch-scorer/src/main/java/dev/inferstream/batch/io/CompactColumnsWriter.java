/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.batch.parquet.ParquetCodecs;
import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the {@link OutputColumns} of scored column batches into Parquet (snappy) part files: each row's values go
 * from the batch's arrays straight into Parquet's column writers, with no record object per row. The files match
 * those of {@link CompactFileWriter} — the same schema (the Avro schema in the footer too) and the same
 * {@code inferstream.*} metadata — and are bucketed by source file the same way.
 */
public final class CompactColumnsWriter implements BulkWriter.Factory<ScoredColumns> {
    private static final long serialVersionUID = 1L;

    private final OutputColumns columns;
    private final Map<String, String> metadata;

    /** @param metadata the job-wide {@code inferstream.*} metadata (model, versions, scorer, job) */
    public CompactColumnsWriter(OutputColumns columns, Map<String, String> metadata) {
        this.columns = columns;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public BulkWriter<ScoredColumns> create(FSDataOutputStream out) {
        return new BulkWriter<>() {
            private final ColumnsWriteSupport.Cursor cursor = new ColumnsWriteSupport.Cursor();
            private ParquetWriter<ColumnsWriteSupport.Cursor> parquet;

            @Override
            public void addElement(ScoredColumns batch) throws IOException {
                if (parquet == null) {
                    // opened with the first batch: its source file names every row of this part file
                    Map<String, String> meta = new LinkedHashMap<>(metadata);
                    meta.put("inferstream.source", batch.rows().file());
                    meta.put("parquet.avro.schema", columns.schema().toString());
                    parquet = open(ParquetFiles.output(out), meta);
                }
                cursor.batch = batch;
                for (int row = 0; row < batch.rows().size(); row++) {
                    if (batch.scored(row)) {
                        cursor.row = row;
                        parquet.write(cursor);
                    }
                }
                cursor.batch = null;
            }

            @Override
            public void flush() {
                // row groups are written when full or at finish; a part file is only committed after finish
            }

            @Override
            public void finish() throws IOException {
                if (parquet != null) {
                    parquet.close();
                }
            }
        };
    }

    private ParquetWriter<ColumnsWriteSupport.Cursor> open(OutputFile file, Map<String, String> meta)
            throws IOException {
        MessageType schema = new AvroSchemaConverter(ParquetFiles.configuration()).convert(columns.schema());
        ColumnsWriteSupport support = new ColumnsWriteSupport(schema, columns.fields());
        Builder builder = new Builder(file, support);
        // unique per row: a dictionary would only grow until it gives up
        for (String unique : List.of("prediction_id", "row", "score")) {
            if (schema.containsField(unique)) {
                builder = builder.withDictionaryEncoding(unique, false);
            }
        }
        return builder.withConf(ParquetFiles.configuration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ParquetFiles.ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(meta)
                .build();
    }

    /** A writer builder for one write support, without Hadoop's configuration. */
    private static final class Builder extends ParquetWriter.Builder<ColumnsWriteSupport.Cursor, Builder> {
        private final ColumnsWriteSupport support;

        Builder(OutputFile file, ColumnsWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected ColumnsWriteSupport getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected ColumnsWriteSupport getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
