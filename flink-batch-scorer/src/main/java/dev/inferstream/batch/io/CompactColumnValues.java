/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.batch.parquet.ParquetColumnsFile;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.manifest.FieldPath;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** Writes the {@link OutputColumns} of scored column batches, row by row, into a {@link ParquetColumnsFile}. */
final class CompactColumnValues {
    private static final int CACHED_TEXTS = 4096;

    /** What a column holds; inputs are carried over from the batch's columns. */
    private enum Field {
        SOURCE,
        ROW,
        KEY,
        PREDICTION_ID,
        MODEL,
        VERSION,
        SHA256,
        ARM,
        SCORE,
        LABEL,
        EVENT_TIME,
        SCORED_AT,
        SCORER,
        INPUT
    }

    private final ParquetColumnsFile file;
    private final Field[] fields;
    private final String[] names;
    private final int[] defined;
    private final FieldPath[] inputs;
    private final PrimitiveType.PrimitiveTypeName[] types;
    private final ColumnBatch.Column[] inputColumns;
    private final String[] lastText;
    private final Binary[] lastBinary;
    private final Map<String, Binary> texts = new HashMap<>();
    private byte[] idBytes = new byte[32];

    CompactColumnValues(ParquetColumnsFile file, MessageType schema, List<String> outputFields) {
        this.file = file;
        int n = outputFields.size();
        this.fields = new Field[n];
        this.names = new String[n];
        this.defined = new int[n];
        this.inputs = new FieldPath[n];
        this.types = new PrimitiveType.PrimitiveTypeName[n];
        this.inputColumns = new ColumnBatch.Column[n];
        this.lastText = new String[n];
        this.lastBinary = new Binary[n];
        for (int c = 0; c < n; c++) {
            String field = outputFields.get(c);
            ColumnDescriptor column = schema.getColumns().get(c);
            names[c] = schema.getFieldName(c);
            defined[c] = column.getMaxDefinitionLevel();
            types[c] = column.getPrimitiveType().getPrimitiveTypeName();
            if (OutputColumns.isInput(field)) {
                fields[c] = Field.INPUT;
                inputs[c] = FieldPath.parse(OutputColumns.inputColumn(field));
            } else {
                fields[c] = Field.valueOf(field.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** Writes the scored rows of {@code batch}. */
    void write(ScoredColumns batch) throws IOException {
        ColumnBatch columns = batch.rows().columns();
        for (int c = 0; c < fields.length; c++) {
            inputColumns[c] = fields[c] == Field.INPUT ? columns.column(inputs[c]) : null;
        }
        for (int r = 0; r < batch.rows().size(); r++) {
            if (batch.scored(r)) {
                writeRow(batch, r);
                file.endRow();
            }
        }
        file.checkRowGroup();
    }

    private void writeRow(ScoredColumns b, int r) {
        for (int c = 0; c < fields.length; c++) {
            ColumnWriter w = file.column(c);
            switch (fields[c]) {
                case SOURCE -> text(w, c, b.rows().file());
                case ROW -> w.write(b.rows().firstRow() + r, 0, defined[c]);
                case KEY -> nothing(w, c); // file rows have no key
                case PREDICTION_ID -> uniqueText(w, c, b.predictionIds()[r]);
                case MODEL -> text(w, c, b.models()[r]);
                case VERSION -> w.write(b.versions()[r], 0, defined[c]);
                case SHA256 -> text(w, c, b.sha256()[r]);
                case ARM -> text(w, c, b.arms()[r]);
                case SCORE -> {
                    Double score = b.scores()[r];
                    if (score == null) {
                        nothing(w, c);
                    } else {
                        w.write(score.doubleValue(), 0, defined[c]);
                    }
                }
                case LABEL -> text(w, c, b.labels()[r]);
                case EVENT_TIME -> w.write(b.rows().fileTime(), 0, defined[c]);
                case SCORED_AT -> w.write(b.scoredAt(), 0, defined[c]);
                case SCORER -> text(w, c, b.scorer());
                case INPUT -> input(w, c, r);
            }
        }
    }

    private void input(ColumnWriter w, int c, int r) {
        ColumnBatch.Column column = inputColumns[c];
        if (column == null || column.nulls()[r]) {
            nothing(w, c);
            return;
        }
        Object value = column.value(r);
        switch (types[c]) {
            case BOOLEAN -> w.write((Boolean) value, 0, defined[c]);
            case INT32 -> w.write(((Number) value).intValue(), 0, defined[c]);
            case INT64 -> w.write(((Number) value).longValue(), 0, defined[c]);
            case FLOAT -> w.write(((Number) value).floatValue(), 0, defined[c]);
            case DOUBLE -> w.write(((Number) value).doubleValue(), 0, defined[c]);
            default -> w.write(Binary.fromString(value.toString()), 0, defined[c]);
        }
    }

    /** A text that repeats from row to row (model, version hash, arm, label): encoded once. */
    private void text(ColumnWriter w, int c, String value) {
        if (value == null) {
            nothing(w, c);
            return;
        }
        if (!value.equals(lastText[c])) {
            lastText[c] = value;
            lastBinary[c] = cached(value);
        }
        w.write(lastBinary[c], 0, defined[c]);
    }

    /** A text that differs on every row (a prediction id): encoded into a buffer the column writer copies from. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): ids are ASCII (hex)
    private void uniqueText(ColumnWriter w, int c, String value) {
        if (value == null) {
            nothing(w, c);
            return;
        }
        int length = value.length();
        if (!ascii(value)) {
            w.write(Binary.fromString(value), 0, defined[c]);
            return;
        }
        if (idBytes.length < length) {
            idBytes = new byte[length];
        }
        value.getBytes(0, length, idBytes, 0);
        w.write(Binary.fromReusedByteArray(idBytes, 0, length), 0, defined[c]);
    }

    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void nothing(ColumnWriter w, int c) {
        if (defined[c] == 0) {
            throw new IllegalStateException("column " + names[c] + " is required but a row has no value for it");
        }
        w.writeNull(0, 0);
    }

    private Binary cached(String value) {
        Binary binary = texts.get(value);
        if (binary == null) {
            if (texts.size() >= CACHED_TEXTS) {
                texts.clear();
            }
            binary = Binary.fromConstantByteArray(Binary.fromString(value).getBytes());
            texts.put(value, binary);
        }
        return binary;
    }
}
