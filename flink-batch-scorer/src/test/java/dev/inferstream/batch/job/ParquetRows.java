/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.parquet.ParquetCodecs;
import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/** Parquet files for the batch job's tests: inputs with small row groups, and the committed outputs read back. */
final class ParquetRows {
    private ParquetRows() {}

    static void write(Path file, Schema schema, long rowGroupBytes, Iterable<GenericRecord> records)
            throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter<GenericRecord> writer =
                        ParquetFiles.writer(ParquetFiles.output(out), schema, rowGroupBytes, Map.of())) {
            for (GenericRecord r : records) {
                writer.write(r);
            }
        }
    }

    /** Every row of the committed Parquet files under {@code dir}. */
    static List<GenericRecord> read(Path dir) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (Path file : BatchFixture.committedFiles(dir)) {
            try (ParquetFileReader reader = open(file)) {
                MessageType schema = reader.getFileMetaData().getSchema();
                Map<String, String> meta = reader.getFileMetaData().getKeyValueMetaData();
                AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
                ReadSupport.ReadContext context = support.init(ParquetFiles.configuration(), meta, schema);
                RecordMaterializer<GenericRecord> records =
                        support.prepareForRead(ParquetFiles.configuration(), meta, schema, context);
                MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
                for (PageReadStore group = reader.readNextRowGroup();
                        group != null;
                        group = reader.readNextRowGroup()) {
                    RecordReader<GenericRecord> in = columns.getRecordReader(group, records);
                    for (long i = 0; i < group.getRowCount(); i++) {
                        rows.add(in.read());
                    }
                }
            }
        }
        return rows;
    }

    /** The key-value metadata of each committed Parquet file under {@code dir}. */
    static List<Map<String, String>> metadata(Path dir) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        for (Path file : BatchFixture.committedFiles(dir)) {
            try (ParquetFileReader reader = open(file)) {
                all.add(new HashMap<>(reader.getFileMetaData().getKeyValueMetaData()));
            }
        }
        return all;
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return new ParquetFileReader(
                ParquetFiles.input(new org.apache.flink.core.fs.Path(file.toUri()), Files.size(file)),
                HadoopFreeReadOptions.of(
                        ParquetFiles.configuration(), ParquetCodecs.INSTANCE, ParquetMetadataConverter.NO_FILTER));
    }
}
