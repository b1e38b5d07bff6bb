/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.Prediction;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writes one CSV ({@link CsvDialect}) record per scored input: by default its source coordinates and the
 * prediction's columns (id, model, version, arm, score, label, probabilities as {@code class=p;class=p}), then the
 * explanation's columns with {@code --explain}, then the input's own cells when the input was CSV; with
 * {@code --output-fields}, exactly those {@link OutputColumns}.
 */
public final class CsvFileWriter implements BulkWriter.Factory<ScoredRow> {
    private static final long serialVersionUID = 1L;

    private static final List<String> COLUMNS = List.of(
            "source", "row", "key", "prediction_id", "model", "version", "arm", "score", "label", "probabilities");
    /** With {@code --explain}: the explanation, empty for a prediction that could not be explained. */
    private static final List<String> EXPLAIN_COLUMNS = List.of(
            "explain_method",
            "explain_space",
            "explain_target",
            "base_value",
            "explained_value",
            "attributions",
            "other_fields");

    private final OutputColumns columns;
    private final boolean explain;

    /** The default columns, without explanation columns. */
    public CsvFileWriter() {
        this(null, false);
    }

    /**
     * @param columns the columns to write; null: the default ones
     * @param explain add the explanation columns after the prediction's (default columns only)
     */
    public CsvFileWriter(OutputColumns columns, boolean explain) {
        this.columns = columns;
        this.explain = explain;
    }

    @Override
    public BulkWriter<ScoredRow> create(FSDataOutputStream out) throws IOException {
        CSVPrinter writer = new CSVPrinter(new TextBuffer(out), CsvDialect.WRITE);
        return new FlushingBulkWriter<>(writer) {
            private boolean headerWritten;

            @Override
            public void addElement(ScoredRow row) throws IOException {
                if (columns != null) {
                    if (!headerWritten) {
                        writer.printRecord(columns.header());
                        headerWritten = true;
                    }
                    writer.printRecord(columns.cells(row));
                    return;
                }
                if (!headerWritten) {
                    List<String> header = new ArrayList<>(COLUMNS);
                    if (explain) {
                        header.addAll(EXPLAIN_COLUMNS);
                    }
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
                        OutputColumns.probabilitiesText(p)));
                if (explain) {
                    cells.addAll(explanation(p.getExplanation()));
                }
                if (row.input().payload() instanceof InputRow.CsvCells input) {
                    cells.addAll(input.cells());
                }
                writer.printRecord(cells);
            }
        };
    }

    /**
     * The printer's output: the pieces of cells it appends ({@code append(text, start, end)}, single characters) are
     * copied into one character buffer, encoded to UTF-8 a buffer at a time — no substring per piece and no lock per
     * call, as a {@link java.io.Writer} would take.
     */
    static final class TextBuffer implements Appendable, Flushable {
        private static final int CHARS = 1 << 15;

        private final OutputStream out;
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final char[] chars = new char[CHARS];
        private final CharBuffer pending = CharBuffer.wrap(chars);
        private final ByteBuffer bytes = ByteBuffer.allocate(CHARS * 3);
        private int size;

        TextBuffer(OutputStream out) {
            this.out = out;
        }

        @Override
        public TextBuffer append(CharSequence text, int start, int end) throws IOException {
            if (text == null) {
                return append("null", 0, 4);
            }
            while (start < end) {
                if (size == CHARS) {
                    drain(false);
                }
                int n = Math.min(end - start, CHARS - size);
                if (text instanceof String s) {
                    s.getChars(start, start + n, chars, size);
                } else {
                    for (int i = 0; i < n; i++) {
                        chars[size + i] = text.charAt(start + i);
                    }
                }
                size += n;
                start += n;
            }
            return this;
        }

        @Override
        public TextBuffer append(CharSequence text) throws IOException {
            return text == null ? append("null", 0, 4) : append(text, 0, text.length());
        }

        @Override
        public TextBuffer append(char c) throws IOException {
            if (size == CHARS) {
                drain(false);
            }
            chars[size++] = c;
            return this;
        }

        @Override
        public void flush() throws IOException {
            drain(true); // the printer flushes between records: a surrogate left over has no pair
            out.flush();
        }

        /** Encodes the buffered characters; before the end, a high surrogate whose pair may follow stays buffered. */
        private void drain(boolean end) throws IOException {
            pending.limit(size).position(0);
            bytes.clear();
            utf8.encode(pending, bytes, end);
            if (end) {
                utf8.flush(bytes);
                utf8.reset();
            }
            out.write(bytes.array(), 0, bytes.position());
            int left = pending.remaining();
            System.arraycopy(chars, pending.position(), chars, 0, left);
            size = left;
        }
    }

    /** The explanation's cells: {@code field=value;field=value} for the attributions, largest first. */
    private static List<String> explanation(Explanation e) {
        if (e == null) {
            return Collections.nCopies(EXPLAIN_COLUMNS.size(), "");
        }
        StringBuilder attributions = new StringBuilder();
        for (Attribution a : e.getAttributions()) {
            if (attributions.length() > 0) {
                attributions.append(';');
            }
            attributions.append(a.getField()).append('=').append(a.getValue());
        }
        return List.of(
                e.getMethod(),
                e.getSpace(),
                e.getTarget(),
                Double.toString(e.getBaseValue()),
                Double.toString(e.getValue()),
                attributions.toString(),
                Double.toString(e.getOtherFields()));
    }
}
