/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.batch.parquet.ParquetColumnsFile;
import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the {@link OutputColumns} of scored column batches into Parquet (snappy) part files: each row's values go
 * from the batch's arrays straight into Parquet's column writers, with no record object per row. The files match
 * those of {@link CompactFileWriter} — the same schema (the Avro schema in the footer too) and the same
 * {@code inferstream.*} metadata — and are bucketed by source file the same way.
 */
public final class CompactColumnsWriter implements BulkWriter.Factory<ScoredColumns> {
    private static final long serialVersionUID = 1L;

    /** Unique per row: a dictionary would only grow until it gives up. */
    private static final List<String> UNIQUE = List.of("prediction_id", "row", "score");

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
            private ParquetColumnsFile parquet;
            private CompactColumnValues values;
            private Map<String, String> meta;

            @Override
            public void addElement(ScoredColumns batch) throws IOException {
                if (parquet == null) {
                    // opened with the first batch: its source file names every row of this part file
                    meta = new LinkedHashMap<>(metadata);
                    meta.put("inferstream.source", batch.rows().file());
                    meta.put("parquet.avro.schema", columns.schema().toString());
                    MessageType schema =
                            new AvroSchemaConverter(ParquetFiles.configuration()).convert(columns.schema());
                    parquet = new ParquetColumnsFile(
                            ParquetFiles.output(out), schema, properties(schema), ParquetFiles.ROW_GROUP_BYTES);
                    values = new CompactColumnValues(parquet, schema, columns.fields());
                }
                values.write(batch);
            }

            @Override
            public void flush() {
                // row groups are written when full or at finish; a part file is only committed after finish
            }

            @Override
            public void finish() throws IOException {
                if (parquet != null) {
                    parquet.close(meta);
                }
            }
        };
    }

    private static ParquetProperties properties(MessageType schema) {
        ParquetProperties.Builder properties = ParquetProperties.builder();
        for (String unique : UNIQUE) {
            if (schema.containsField(unique)) {
                properties = properties.withDictionaryEncoding(unique, false);
            }
        }
        if (schema.containsField("prediction_id")) {
            // hashes: a page's or row group's min and max cannot skip anything
            properties = properties.withStatisticsEnabled("prediction_id", false);
        }
        return properties.build();
    }
}
