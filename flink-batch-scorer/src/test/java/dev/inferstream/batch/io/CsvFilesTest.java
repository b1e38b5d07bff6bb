/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 CSV out: quoted commas, quotes and line breaks read back cell for cell. */
class CsvFilesTest {
    @TempDir
    Path dir;

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

    @Test
    void theOutputBufferWritesExactlyTheTextThePrinterMakesInUtf8() throws Exception {
        List<List<String>> records = List.of(
                List.of("", "middle", "", "last"),
                List.of("a,b", "say \"hi\"", "two\nlines", "cr\rlf", " padded ", "#hash"),
                List.of("é", "€ 5", "\uD83D\uDE00 emoji", "tab\tin", "'single'"),
                List.of("x".repeat(32_767) + "\uD83D\uDE00" + "\uD83D\uDE01".repeat(20_000), "tail"),
                List.of("lone \uD83D"));
        StringWriter expected = new StringWriter();
        CSVPrinter reference = new CSVPrinter(expected, CsvDialect.WRITE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CSVPrinter printer = new CSVPrinter(new CsvFileWriter.TextBuffer(bytes), CsvDialect.WRITE);
        for (List<String> record : records) {
            reference.printRecord(record);
            printer.printRecord(record);
        }
        printer.flush();

        assertThat(bytes.toByteArray())
                .as("the printer's text in UTF-8, pairs split across buffers whole, a lone surrogate as '?'")
                .isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    }
}
