/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.demo.CardTransaction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** The batch half of the quickstart: writes a file of card transactions, then summarizes what the job wrote. */
final class DemoBatch {
    private final PrintStream out = System.out;

    void writeInput(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        DemoEvents demo = new DemoEvents(7);
        try (DataFileWriter<CardTransaction> writer =
                new DataFileWriter<>(new SpecificDatumWriter<>(CardTransaction.class))) {
            writer.create(CardTransaction.getClassSchema(), file.toFile());
            for (int i = 0; i < rows; i++) {
                CardTransaction tx = demo.next(i);
                if (i % 25_000 == 24_999) {
                    tx.setChannel("teleport");
                }
                writer.append(tx);
            }
        }
        out.printf("   wrote %,d card transactions to %s%n", rows, file);
    }

    void summarize(Path predictions, Path deadLetters) throws IOException {
        List<Prediction> scored = read(predictions, Prediction.class);
        List<DeadLetter> letters = read(deadLetters, DeadLetter.class);
        Map<String, Integer> labels = new TreeMap<>();
        scored.forEach(p -> labels.merge(p.getLabel() + " (v" + p.getVersion() + ")", 1, Integer::sum));
        out.printf(
                "   %,d predictions in %s, %,d dead letters in %s%n",
                scored.size(), predictions, letters.size(), deadLetters);
        out.println("   labels: " + labels);
        if (!scored.isEmpty()) {
            Prediction p = scored.get(0);
            out.printf(
                    "   e.g. %s row %d: %s %.5f (%s/%d, id %s)%n",
                    p.getSource().getName(),
                    p.getSource().getOffset(),
                    p.getLabel(),
                    p.getScore(),
                    p.getModel(),
                    p.getVersion(),
                    p.getPredictionId());
        }
        letters.stream()
                .limit(3)
                .forEach(d -> out.printf(
                        "   dead letter: row %d %s %s%n", d.getSource().getOffset(), d.getStage(), d.getReason()));
    }

    private static <T extends SpecificRecord> List<T> read(Path dir, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (!Files.exists(dir)) {
            return records;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
        for (Path file : files) {
            try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
                reader.forEach(records::add);
            }
        }
        return records;
    }
}
