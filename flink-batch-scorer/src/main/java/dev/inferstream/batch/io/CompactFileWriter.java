/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes the {@link OutputColumns} of each scored row into Parquet (snappy) or Avro container files. What is the same
 * for every row of a file — model, versions and their sha256, scorer, job and the source file — goes into the
 * file's metadata ({@code inferstream.*} keys) instead of every row; part files are bucketed by source file, so each
 * holds the rows of one input file.
 */
public final class CompactFileWriter implements BulkWriter.Factory<ScoredRow> {
    private static final long serialVersionUID = 1L;

    /** The container a compact output writes. */
    public enum Container {
        PARQUET,
        AVRO
    }

    private final Container container;
    private final OutputColumns columns;
    private final Map<String, String> metadata;

    /** @param metadata the job-wide {@code inferstream.*} metadata (model, versions, scorer, job) */
    public CompactFileWriter(Container container, OutputColumns columns, Map<String, String> metadata) {
        this.container = container;
        this.columns = columns;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public BulkWriter<ScoredRow> create(FSDataOutputStream out) {
        return new BulkWriter<>() {
            private BulkWriter<GenericRecord> writer;

            @Override
            public void addElement(ScoredRow row) throws IOException {
                if (writer == null) {
                    // opened with the first row: its source file names every row of this part file
                    Map<String, String> meta = new LinkedHashMap<>(metadata);
                    meta.put("inferstream.source", row.input().name());
                    writer = container == Container.PARQUET ? parquet(out, meta) : avro(out, meta);
                }
                writer.addElement(columns.record(row));
            }

            @Override
            public void flush() throws IOException {
                if (writer != null) {
                    writer.flush();
                }
            }

            @Override
            public void finish() throws IOException {
                if (writer != null) {
                    writer.finish();
                }
            }
        };
    }

    private BulkWriter<GenericRecord> parquet(FSDataOutputStream out, Map<String, String> meta) throws IOException {
        ParquetWriter<GenericRecord> parquet =
                ParquetFiles.writer(ParquetFiles.output(out), columns.schema(), ParquetFiles.ROW_GROUP_BYTES, meta);
        return new BulkWriter<>() {
            @Override
            public void addElement(GenericRecord record) throws IOException {
                parquet.write(record);
            }

            @Override
            public void flush() {
                // row groups are written when full or at finish; a part file is only committed after finish
            }

            @Override
            public void finish() throws IOException {
                parquet.close();
            }
        };
    }

    private BulkWriter<GenericRecord> avro(FSDataOutputStream out, Map<String, String> meta) throws IOException {
        DataFileWriter<GenericRecord> avro = new DataFileWriter<>(new GenericDatumWriter<>(columns.schema()));
        avro.setCodec(CodecFactory.snappyCodec());
        meta.forEach(avro::setMeta);
        avro.create(columns.schema(), out);
        return new FlushingBulkWriter<>(avro) {
            @Override
            public void addElement(GenericRecord record) throws IOException {
                avro.append(record);
            }
        };
    }
}
