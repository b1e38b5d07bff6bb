/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.parquet.ParquetFiles;
import dev.inferstream.model.manifest.FieldPath;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet reader holds one row group of the columns it reads at a time: the previous row group's buffers are
 * released before the next one is read, and the other columns are never read (#17: two row groups per reader ran a
 * TaskManager out of heap).
 */
class ParquetRowGroupsTest {
    private static final Schema ROW = SchemaBuilder.record("Row")
            .fields()
            .requiredLong("id")
            .requiredDouble("x")
            .requiredDouble("y")
            .requiredString("note")
            .endRecord();
    private static final int ROWS = 5_000;

    @TempDir
    Path dir;

    @Test
    void aColumnReaderHoldsOneRowGroupOfItsColumnsAndReleasesItBeforeReadingTheNext() throws Exception {
        Path file = write();
        List<BlockMetaData> groups = rowGroups(file);
        long largest = groups.stream()
                .mapToLong(g -> bytesOf(g, List.of("x", "y")))
                .max()
                .orElseThrow();
        long largestWhole = groups.stream()
                .mapToLong(BlockMetaData::getCompressedSize)
                .max()
                .orElseThrow();
        Counting buffers = new Counting();
        RowSplit split =
                SplitReading.plan(file, FileKind.PARQUET, Long.MAX_VALUE).get(0);

        long rows = 0;
        double sum = 0;
        try (ParquetColumnRows reader = new ParquetColumnRows(split, List.of("x", "y"), 512, buffers)) {
            for (RowColumns batch = reader.next(); batch != null; batch = reader.next()) {
                double[] x = batch.columns().column(FieldPath.parse("x")).numbers();
                for (int i = 0; i < batch.size(); i++) {
                    sum += x[i];
                }
                rows += batch.size();
            }
        }

        assertThat(groups).as("row groups in the file").hasSizeGreaterThanOrEqualTo(4);
        assertThat(largest).as("the note column is most of a row group").isLessThan(largestWhole / 2);
        assertThat(rows).isEqualTo(ROWS);
        assertThat(sum).isEqualTo(ROWS * (ROWS - 1) / 2.0);
        assertThat(buffers.peak)
                .as("bytes held at once: about one row group of x and y (largest %d bytes), never two", largest)
                .isGreaterThanOrEqualTo(largest)
                .isLessThan(largest * 3 / 2);
        assertThat(buffers.live).as("bytes held after close").isZero();
    }

    private Path write() throws Exception {
        Path file = dir.resolve("rows.parquet");
        GenericRecord r = new GenericData.Record(ROW);
        Random random = new Random(17);
        char[] note = new char[100];
        try (OutputStream out = Files.newOutputStream(file);
                ParquetWriter<GenericRecord> writer =
                        ParquetFiles.writer(ParquetFiles.output(out), ROW, 64 << 10, Map.of())) {
            for (int i = 0; i < ROWS; i++) {
                r.put("id", (long) i);
                r.put("x", (double) i);
                r.put("y", Math.sqrt(i));
                for (int c = 0; c < note.length; c++) {
                    note[c] = (char) ('!' + random.nextInt(94));
                }
                r.put("note", new String(note));
                writer.write(r);
            }
        }
        return file;
    }

    private static List<BlockMetaData> rowGroups(Path file) throws Exception {
        try (ParquetFileReader reader = new ParquetFileReader(
                ParquetFiles.input(new org.apache.flink.core.fs.Path(file.toUri()), Files.size(file)),
                ParquetSource.options())) {
            return reader.getRowGroups();
        }
    }

    private static long bytesOf(BlockMetaData group, List<String> columns) {
        return group.getColumns().stream()
                .filter(c -> columns.contains(c.getPath().toDotString()))
                .mapToLong(ColumnChunkMetaData::getTotalSize)
                .sum();
    }

    /** Heap buffers, counting the bytes handed out and not yet released. */
    private static final class Counting implements ByteBufferAllocator {
        long live;
        long peak;

        @Override
        public ByteBuffer allocate(int size) {
            live += size;
            peak = Math.max(peak, live);
            return ByteBuffer.allocate(size);
        }

        @Override
        public void release(ByteBuffer b) {
            live -= b.capacity();
        }

        @Override
        public boolean isDirect() {
            return false;
        }
    }
}
