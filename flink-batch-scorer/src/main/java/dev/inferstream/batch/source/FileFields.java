/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.CsvDialect;
import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;

/** What one input file holds, read before the job starts: its top-level field names, or why it cannot be read. */
public final class FileFields {
    private FileFields() {}

    /**
     * The field names of {@code file} read as {@code kind}: a CSV file's header, an Avro or Parquet file's top-level
     * fields.
     *
     * @throws IOException when the file cannot be read in this format (the message says why)
     */
    public static List<String> of(FileKind kind, Path file) throws IOException {
        return switch (kind) {
            case CSV -> csvHeader(file);
            case AVRO, PARQUET ->
                schema(kind, file).getFields().stream().map(Schema.Field::name).toList();
        };
    }

    /** The record schema of an Avro file, or of a Parquet file as parquet-avro reads it. */
    public static Schema schema(FileKind kind, Path file) throws IOException {
        FileSystem fs = file.getFileSystem();
        if (kind == FileKind.PARQUET) {
            long length = fs.getFileStatus(file).getLen();
            try (ParquetFileReader reader =
                    new ParquetFileReader(ParquetFiles.input(file, length), ParquetSource.options())) {
                return new AvroSchemaConverter(ParquetFiles.configuration())
                        .convert(reader.getFooter().getFileMetaData().getSchema());
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        try (InputStream in = fs.open(file);
                DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
            return avro.getSchema();
        }
    }

    private static List<String> csvHeader(Path file) throws IOException {
        try (InputStream in = file.getFileSystem().open(file);
                CSVParser parser = CSVParser.builder()
                        .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .setFormat(CsvDialect.READ)
                        .get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IOException("it is empty: a CSV input starts with a header row");
            }
            return List.copyOf(records.next().toList());
        } catch (UncheckedIOException e) {
            throw new IOException("its header is not valid CSV: " + e.getCause().getMessage(), e);
        }
    }
}
