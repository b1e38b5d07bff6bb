/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.batch;

import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The benchmark's input files, written row by row (ten million rows never sit in memory): {@code id} and 30 Gaussian
 * features (distinct doubles: Parquet stores them plain, not dictionary-encoded), the same rows in every format, in 1
 * or more files of equal size.
 */
final class BenchInputs {
    private BenchInputs() {}

    /** Writes {@code rows} rows into {@code files} files {@code part-<k>.<ext>} under {@code dir}; returns dir. */
    static Path write(Path dir, String format, long rows, int files) throws IOException {
        Files.createDirectories(dir);
        Schema schema = BatchBenchmark.schema();
        Random random = new Random(1);
        GenericRecord record = new GenericData.Record(schema);
        long row = 0;
        for (int k = 0; k < files; k++) {
            long end = rows * (k + 1) / files;
            try (RowWriter out = open(dir.resolve("part-" + k + "." + extension(format)), format, schema)) {
                for (; row < end; row++) {
                    record.put("id", "e" + row);
                    for (int f = 0; f < BatchBenchmark.FEATURES; f++) {
                        record.put("f" + f, random.nextGaussian());
                    }
                    out.write(record);
                }
            }
        }
        return dir;
    }

    static String extension(String format) {
        return format.startsWith("parquet") ? "parquet" : format;
    }

    /** One open input file: where its rows go and what to close when it is written. */
    private record RowWriter(RowSink sink, Closeable file) implements Closeable {
        void write(GenericRecord record) throws IOException {
            sink.write(record);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** Writes one row. */
    private interface RowSink {
        void write(GenericRecord record) throws IOException;
    }

    private static RowWriter open(Path file, String format, Schema schema) throws IOException {
        if (format.startsWith("parquet")) {
            OutputStream stream = Files.newOutputStream(file);
            ParquetWriter<GenericRecord> parquet =
                    ParquetFiles.writer(ParquetFiles.output(stream), schema, 64L << 20, Map.of());
            return new RowWriter(parquet::write, parquet);
        }
        if (format.equals("avro")) {
            DataFileWriter<GenericRecord> avro = new DataFileWriter<>(new GenericDatumWriter<>(schema));
            avro.setCodec(CodecFactory.snappyCodec());
            avro.create(schema, file.toFile());
            return new RowWriter(avro::append, avro);
        }
        BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("id");
        for (int f = 0; f < BatchBenchmark.FEATURES; f++) {
            header.append(",f").append(f);
        }
        csv.write(header.append('\n').toString());
        StringBuilder line = new StringBuilder();
        return new RowWriter(
                record -> {
                    line.setLength(0);
                    line.append(record.get("id"));
                    for (int f = 0; f < BatchBenchmark.FEATURES; f++) {
                        line.append(',').append(record.get("f" + f));
                    }
                    csv.write(line.append('\n').toString());
                },
                csv);
    }
}
