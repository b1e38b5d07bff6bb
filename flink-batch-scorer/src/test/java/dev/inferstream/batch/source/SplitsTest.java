/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.parquet.ParquetFiles;
import dev.inferstream.model.manifest.FieldPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files split at record boundaries (Avro sync markers, CSV records outside quotes, Parquet row groups): however small
 * the splits, reading them all gives every row once, in order, with the row number it has when the file is read
 * whole.
 */
class SplitsTest {
    private static final Schema ROW = SchemaBuilder.record("Row")
            .fields()
            .requiredLong("id")
            .requiredDouble("x")
            .optionalString("note")
            .endRecord();
    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void everyRowIsReadOnceWithItsFileRowNumberHoweverTheFileIsSplit(FileKind kind) throws Exception {
        Path file = write(kind);

        List<InputRow> whole = SplitReading.readAll(file, kind, Long.MAX_VALUE);
        List<RowSplit> small = SplitReading.plan(file, kind, 2_000);
        List<InputRow> split = SplitReading.readAll(file, kind, 2_000);

        assertThat(SplitReading.plan(file, kind, Long.MAX_VALUE)).hasSize(1);
        assertThat(small).as("splits of about 2 kB").hasSizeGreaterThan(4);
        assertThat(small.stream().mapToLong(RowSplit::rows).sum()).isEqualTo(ROWS);
        assertThat(whole).extracting(InputRow::offset).containsExactlyElementsOf(range(ROWS));
        assertThat(split).extracting(InputRow::offset).containsExactlyElementsOf(range(ROWS));
        for (int i = 0; i < ROWS; i++) {
            assertThat(id(split.get(i))).as("row %d", i).isEqualTo(i);
            assertThat(split.get(i).name()).isEqualTo(whole.get(i).name());
        }
    }

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void aRestoredSplitSkipsTheRowsItsCheckpointCovers(FileKind kind) throws Exception {
        Path file = write(kind);
        RowSplit split = SplitReading.plan(file, kind, 4_000).get(1);

        RowSplit restored =
                split.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 7));
        List<InputRow> rows = SplitReading.read(
                RowSplitSerializer.INSTANCE.deserialize(
                        RowSplitSerializer.INSTANCE.getVersion(), RowSplitSerializer.INSTANCE.serialize(restored)),
                kind);

        assertThat(rows).hasSize((int) split.rows() - 7);
        assertThat(rows.get(0).offset()).isEqualTo(split.firstRow() + 7);
        assertThat(id(rows.get(0))).isEqualTo(split.firstRow() + 7);
    }

    @Test
    void parquetColumnBatchesHoldEveryRowOnceAndARestoredSplitResumesAfterTheRowsItsCheckpointCovers()
            throws Exception {
        Path file = write(FileKind.PARQUET);
        List<Long> rows = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (RowSplit split : SplitReading.plan(file, FileKind.PARQUET, 2_000)) {
            long done = 0;
            for (RecordAndPosition<RowColumns> batch : readColumns(split)) {
                RowColumns columns = batch.getRecord();
                assertThat(columns.firstRow()).isEqualTo(split.firstRow() + done);
                done += columns.size();
                assertThat(batch.getRecordSkipCount())
                        .as("rows of the split done")
                        .isEqualTo(done);
                for (int i = 0; i < columns.size(); i++) {
                    rows.add(columns.firstRow() + i);
                    ids.add(columns.columns().column(FieldPath.parse("id")).longs()[i]);
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(range(ROWS));
        assertThat(ids).containsExactlyElementsOf(range(ROWS));

        RowSplit split = SplitReading.plan(file, FileKind.PARQUET, 4_000).get(1);
        List<RecordAndPosition<RowColumns>> resumed = readColumns(
                split.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 100)));
        RowColumns first = resumed.get(0).getRecord();
        assertThat(first.firstRow()).isEqualTo(split.firstRow() + 100);
        assertThat(first.columns().column(FieldPath.parse("id")).longs()[0]).isEqualTo(split.firstRow() + 100);
        assertThat(resumed.stream().mapToInt(b -> b.getRecord().size()).sum()).isEqualTo(split.rows() - 100);
        assertThat(resumed.get(resumed.size() - 1).getRecordSkipCount()).isEqualTo(split.rows());
    }

    private static List<RecordAndPosition<RowColumns>> readColumns(RowSplit split) throws Exception {
        List<RecordAndPosition<RowColumns>> out = new ArrayList<>();
        try (BulkFormat.Reader<RowColumns> reader =
                new ColumnFileSource.Format(List.of("id", "x", "note"), 64).restoreReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<RowColumns> batch = reader.readBatch();
                    batch != null;
                    batch = reader.readBatch()) {
                for (RecordAndPosition<RowColumns> r = batch.next(); r != null; r = batch.next()) {
                    out.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return out;
    }

    @Test
    void aSplitRoundTripsThroughItsCheckpointForm() throws Exception {
        RowSplit split = new RowSplit(
                "7",
                new org.apache.flink.core.fs.Path("file:/data/a.parquet"),
                4,
                1000,
                123,
                5000,
                40,
                60,
                2,
                3,
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 5));

        RowSplit back = RowSplitSerializer.INSTANCE.deserialize(1, RowSplitSerializer.INSTANCE.serialize(split));

        assertThat(back).hasToString(split.toString());
        assertThat(List.of(back.firstRow(), back.rows(), back.rowsDone(), back.fileSize(), back.fileModificationTime()))
                .containsExactly(40L, 60L, 5L, 5000L, 123L);
        assertThat(List.of(back.firstBlock(), back.blocks())).containsExactly(2, 3);
    }

    @Test
    void csvRecordsWithQuotedLineBreaksAreNeverCutAndEmptyLinesAreNoRows() throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(
                file,
                "id,comment,amount\r\n"
                        + "a,\"hello, world\",1.5\r\n"
                        + "\n"
                        + "b,\"she said \"\"hi\"\"\",2\n"
                        + "c,\"two\nlines\r\nand, more\",3\r\n"
                        + "d,,4\n"
                        + "e,x\"y,5",
                StandardCharsets.UTF_8);
        long modified = Instant.parse("2026-04-01T08:00:00Z").toEpochMilli();
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));

        for (long size : new long[] {1, 5, 20, Long.MAX_VALUE}) {
            List<InputRow> rows = SplitReading.readAll(file, FileKind.CSV, size);
            assertThat(rows)
                    .as("split size %d", size)
                    .extracting(InputRow::offset)
                    .containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(rows).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(modified));
            assertThat(rows)
                    .extracting(r -> ((InputRow.CsvCells) r.payload()).cells())
                    .containsExactly(
                            List.of("a", "hello, world", "1.5"),
                            List.of("b", "she said \"hi\"", "2"),
                            List.of("c", "two\nlines\r\nand, more", "3"),
                            List.of("d", "", "4"),
                            List.of("e", "x\"y", "5"));
            assertThat(((InputRow.CsvCells) rows.get(4).payload()).header()).containsExactly("id", "comment", "amount");
        }
        assertThat(FileFields.of(FileKind.CSV, new org.apache.flink.core.fs.Path(file.toUri())))
                .containsExactly("id", "comment", "amount");
    }

    @Test
    void aFileThatIsNotCsvFailsWithoutRestartsNamingTheFileAndTheRow() throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "id,comment\na,fine\nb,\"never closed\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SplitReading.readAll(file, FileKind.CSV, Long.MAX_VALUE))
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .hasMessageContaining("broken.csv is not valid CSV after row 0")
                .hasMessageContaining("RFC 4180");
    }

    @Test
    void aRestoredReaderThatCannotSkipToItsRowsClosesTheFile() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts open files through /proc");
        Path file = dir.resolve("broken-later.csv");
        Files.writeString(file, "id,comment\na,fine\nb,\"never closed\n", StandardCharsets.UTF_8);
        RowSplit split = SplitReading.plan(file, FileKind.CSV, Long.MAX_VALUE)
                .get(0)
                .updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2));

        assertThatThrownBy(() -> new RowSplitFormat(FileKind.CSV).restoreReader(new Configuration(), split))
                .isInstanceOf(SuppressRestartsException.class);
        assertThat(openDescriptors(file))
                .as("descriptors still open on the file")
                .isZero();
    }

    private static long openDescriptors(Path file) throws IOException {
        Path target = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(target);
                        } catch (IOException e) {
                            return false; // closed meanwhile
                        }
                    })
                    .count();
        }
    }

    private Path write(FileKind kind) throws Exception {
        List<GenericRecord> records = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            GenericRecord r = new GenericData.Record(ROW);
            r.put("id", (long) i);
            r.put("x", i * 0.5);
            r.put("note", i % 7 == 0 ? "a, \"quoted\"\nnote" : null);
            records.add(r);
        }
        Path file = dir.resolve("rows." + kind.name().toLowerCase());
        switch (kind) {
            case AVRO -> {
                try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(ROW))) {
                    writer.setSyncInterval(200);
                    writer.create(ROW, file.toFile());
                    for (GenericRecord r : records) {
                        writer.append(r);
                    }
                }
            }
            case CSV -> {
                StringBuilder csv = new StringBuilder("id,x,note\r\n");
                for (GenericRecord r : records) {
                    Object note = r.get("note");
                    csv.append(r.get("id")).append(',').append(r.get("x")).append(',');
                    if (note != null) {
                        csv.append('"')
                                .append(note.toString().replace("\"", "\"\""))
                                .append('"');
                    }
                    csv.append("\r\n");
                }
                Files.writeString(file, csv, StandardCharsets.UTF_8);
            }
            case PARQUET -> {
                try (OutputStream out = Files.newOutputStream(file);
                        ParquetWriter<GenericRecord> writer =
                                ParquetFiles.writer(ParquetFiles.output(out), ROW, 1_000, Map.of())) {
                    for (GenericRecord r : records) {
                        writer.write(r);
                    }
                }
            }
        }
        return file;
    }

    private static long id(InputRow row) {
        if (row.payload() instanceof InputRow.CsvCells cells) {
            return Long.parseLong(cells.cells().get(0));
        }
        return (Long) ((GenericRecord) row.payload()).get("id");
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
