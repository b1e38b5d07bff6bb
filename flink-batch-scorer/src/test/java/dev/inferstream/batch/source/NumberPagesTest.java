/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.parquet.ParquetCodecs;
import dev.inferstream.batch.parquet.ParquetFiles;
import dev.inferstream.model.manifest.FieldPath;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Number columns read page by page hold exactly the values the file holds, nulls where it has none, however the
 * writer encoded them (plain or dictionary, page format 1 or 2) and wherever pages and batches begin.
 */
class NumberPagesTest {
    private static final Schema ROW = SchemaBuilder.record("Row")
            .fields()
            .requiredDouble("d")
            .optionalDouble("od")
            .requiredFloat("f")
            .optionalFloat("of")
            .requiredLong("l")
            .optionalLong("ol")
            .requiredInt("i")
            .optionalInt("oi")
            .endRecord();
    private static final List<String> COLUMNS = List.of("d", "od", "f", "of", "l", "ol", "i", "oi");
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "dictionary {0}, page format {1}, batches of {2}")
    @CsvSource({"false, 1, 1000", "true, 1, 1000", "false, 2, 777", "true, 2, 4096", "true, 1, 1"})
    void columnsReadPageByPageHoldTheFilesValuesAndNulls(boolean dictionary, int pageFormat, int batch)
            throws Exception {
        List<GenericRecord> rows = rows();
        Path file = write(rows, dictionary, pageFormat);
        RowSplit split =
                SplitReading.plan(file, FileKind.PARQUET, Long.MAX_VALUE).get(0);

        int seen = 0;
        try (ParquetColumnRows reader = new ParquetColumnRows(split, COLUMNS, batch)) {
            for (RowColumns read = reader.next(); read != null; read = reader.next()) {
                for (int r = 0; r < read.size(); r++) {
                    GenericRecord expected = rows.get((int) (read.firstRow() + r));
                    for (String column : COLUMNS) {
                        Object value =
                                read.columns().column(FieldPath.parse(column)).value(r);
                        assertThat(value)
                                .as("row %d column %s", read.firstRow() + r, column)
                                .isEqualTo(expected.get(column));
                    }
                }
                seen += read.size();
            }
        }
        assertThat(seen).isEqualTo(ROWS);
    }

    /** Few distinct values (so a dictionary holds them), every third optional value null. */
    private static List<GenericRecord> rows() {
        Random random = new Random(3);
        List<GenericRecord> rows = new ArrayList<>();
        for (int n = 0; n < ROWS; n++) {
            GenericRecord row = new GenericData.Record(ROW);
            int v = random.nextInt(50);
            row.put("d", v * 0.25);
            row.put("od", n % 3 == 0 ? null : v * -1.5);
            row.put("f", v * 0.5f);
            row.put("of", n % 3 == 1 ? null : v * 2.25f);
            row.put("l", (long) v << 33);
            row.put("ol", n % 3 == 2 ? null : (long) -v);
            row.put("i", v * 7);
            row.put("oi", n % 3 == 0 ? null : -v);
            rows.add(row);
        }
        return rows;
    }

    private Path write(List<GenericRecord> rows, boolean dictionary, int pageFormat) throws Exception {
        Path file = dir.resolve("rows-" + dictionary + "-" + pageFormat + ".parquet");
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ParquetFiles.output(out))
                        .withDataModel(GenericData.get())
                        .withSchema(ROW)
                        .withConf(ParquetFiles.configuration())
                        .withCodecFactory(ParquetCodecs.INSTANCE)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withDictionaryEncoding(dictionary)
                        .withWriterVersion(
                                pageFormat == 2
                                        ? ParquetProperties.WriterVersion.PARQUET_2_0
                                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                        // small pages and row groups: batches cross pages, and a file holds several row groups
                        .withPageSize(2048)
                        .withPageRowCountLimit(1500)
                        .withRowGroupSize(64 * 1024)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }
        return file;
    }
}
