/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writes one CSV ({@link CsvDialect}) record per scored input: its source coordinates and the prediction's columns (id, model, version,
 * arm, score, label, one {@code p_<class>} column per class), then the input's own cells when the input was CSV.
 */
public final class CsvFileWriter implements BulkWriter.Factory<ScoredRow> {
    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of(
            "source", "row", "key", "prediction_id", "model", "version", "arm", "score", "label", "probabilities");

    @Override
    public BulkWriter<ScoredRow> create(FSDataOutputStream out) throws IOException {
        CSVPrinter writer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CsvDialect.WRITE);
        return new BulkWriter<>() {
            private boolean headerWritten;

            @Override
            public void addElement(ScoredRow row) throws IOException {
                if (!headerWritten) {
                    List<String> header = new ArrayList<>(COLUMNS);
                    if (row.input().payload() instanceof InputRow.CsvCells cells) {
                        cells.header().forEach(h -> header.add("input_" + h));
                    }
                    writer.printRecord(header);
                    headerWritten = true;
                }
                Prediction p = row.prediction();
                List<String> cells = new ArrayList<>(List.of(
                        p.getSource().getName(),
                        Long.toString(p.getSource().getOffset()),
                        p.getKey() == null ? "" : p.getKey(),
                        p.getPredictionId(),
                        p.getModel(),
                        Integer.toString(p.getVersion()),
                        p.getArm(),
                        p.getScore() == null ? "" : Double.toString(p.getScore()),
                        p.getLabel() == null ? "" : p.getLabel(),
                        probabilities(p)));
                if (row.input().payload() instanceof InputRow.CsvCells input) {
                    cells.addAll(input.cells());
                }
                writer.printRecord(cells);
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void finish() throws IOException {
                writer.flush();
            }
        };
    }

    /** {@code class=p;class=p}, in the model's class order. */
    private static String probabilities(Prediction p) {
        StringBuilder text = new StringBuilder();
        for (ClassProbability c : p.getProbabilities()) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(c.getLabel()).append('=').append(c.getProbability());
        }
        return text.toString();
    }
}
