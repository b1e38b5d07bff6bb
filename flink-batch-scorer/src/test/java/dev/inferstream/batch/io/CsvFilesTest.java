/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 CSV in and out: quoted commas, quotes and line breaks survive; a broken file says where it broke. */
class CsvFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedCommasQuotesAndLineBreaksAsOneRowEachWithTheFilesModificationTime() throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(
                file,
                "id,comment,amount\r\n"
                        + "a,\"hello, world\",1.5\r\n"
                        + "\n"
                        + "b,\"she said \"\"hi\"\"\",2\n"
                        + "c,\"two\nlines\",3\r\n"
                        + "d,,4\n",
                StandardCharsets.UTF_8);
        long modified = Instant.parse("2026-04-01T08:00:00Z").toEpochMilli();

        List<InputRow> rows = read(file, modified);

        assertThat(rows).extracting(InputRow::offset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(rows).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(modified));
        assertThat(rows)
                .extracting(r -> ((InputRow.CsvCells) r.payload()).cells())
                .containsExactly(
                        List.of("a", "hello, world", "1.5"),
                        List.of("b", "she said \"hi\"", "2"),
                        List.of("c", "two\nlines", "3"),
                        List.of("d", "", "4"));
        assertThat(((InputRow.CsvCells) rows.get(0).payload()).header()).containsExactly("id", "comment", "amount");
        assertThat(new RowFileFormat(RowFileFormat.Kind.CSV).fields(new org.apache.flink.core.fs.Path(file.toUri())))
                .containsExactly("id", "comment", "amount");
    }

    @Test
    void aFileThatIsNotCsvFailsWithoutRestartsNamingTheFileAndTheRow() throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "id,comment\na,fine\nb,\"never closed\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(file, 0))
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .hasMessageContaining("broken.csv is not valid CSV after row 1")
                .hasMessageContaining("RFC 4180");
    }

    @Test
    void writesRowsThatReadBackCellForCell() throws Exception {
        List<String> header = List.of("id", "comment");
        List<String> cells = List.of("x,1", "a \"quoted\"\nmultiline comment");
        Prediction p = Prediction.newBuilder()
                .setPredictionId("p-1")
                .setModel("fraud")
                .setVersion(2)
                .setSha256("00")
                .setArm("canary")
                .setScore(0.25)
                .setLabel("legit, surely")
                .setProbabilities(List.of(new ClassProbability("legit", 0.75), new ClassProbability("fraud", 0.25)))
                .setSource(new SourceRecord("file", "file:/in, \"odd\".csv", 0, 7L))
                .setEventTime(Instant.EPOCH)
                .setScoredAt(Instant.EPOCH)
                .setLatencyMicros(1)
                .setScorer("test")
                .build();
        ScoredRow row = new ScoredRow(
                new InputRow("file", "in.csv", 0, 7, 0, null, Map.of(), new InputRow.CsvCells(header, cells)), p);
        Path out = dir.resolve("out.csv");

        try (var stream = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(out.toUri()), FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<ScoredRow> writer = new CsvFileWriter().create(stream);
            writer.addElement(row);
            writer.addElement(row);
            writer.finish();
        }

        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(Files.readString(out)))
                .setFormat(CsvDialect.READ)
                .get()) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize(3);
        assertThat(records.get(0).toList())
                .containsExactly(
                        "source",
                        "row",
                        "key",
                        "prediction_id",
                        "model",
                        "version",
                        "arm",
                        "score",
                        "label",
                        "probabilities",
                        "input_id",
                        "input_comment");
        assertThat(records.get(1).toList())
                .containsExactly(
                        "file:/in, \"odd\".csv",
                        "7",
                        "",
                        "p-1",
                        "fraud",
                        "2",
                        "canary",
                        "0.25",
                        "legit, surely",
                        "legit=0.75;fraud=0.25",
                        "x,1",
                        "a \"quoted\"\nmultiline comment");
        assertThat(Files.readString(out))
                .as("RFC 4180 separates records with CRLF")
                .contains("\r\n");
    }

    private static List<InputRow> read(Path file, long modified) throws Exception {
        FileSourceSplit split = new FileSourceSplit(
                "0", new org.apache.flink.core.fs.Path(file.toUri()), 0, Files.size(file), modified, Files.size(file));
        List<InputRow> rows = new ArrayList<>();
        try (BulkFormat.Reader<InputRow> reader =
                new RowFileFormat(RowFileFormat.Kind.CSV).createReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<InputRow> batch = reader.readBatch();
                    batch != null;
                    batch = reader.readBatch()) {
                for (RecordAndPosition<InputRow> r = batch.next(); r != null; r = batch.next()) {
                    rows.add(r.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return rows;
    }
}
