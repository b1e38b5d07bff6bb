/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.manifest.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Hands one row of a scored column batch at a time to Parquet's record consumer, reading each output column from the
 * batch's arrays. Text that repeats from row to row (model, version digest, arm, label, source, scorer) is encoded
 * once.
 */
final class ColumnsWriteSupport extends WriteSupport<ColumnsWriteSupport.Cursor> {
    private static final int CACHED_TEXTS = 4096;

    /** The row to write next: a batch and a row of it. */
    static final class Cursor {
        ScoredColumns batch;
        int row;
    }

    private final MessageType schema;
    private final String[] names;
    private final String[] fields;
    private final FieldPath[] inputs;
    private final PrimitiveType.PrimitiveTypeName[] types;
    private final Map<String, Binary> texts = new HashMap<>();
    private RecordConsumer consumer;

    ColumnsWriteSupport(MessageType schema, List<String> fields) {
        this.schema = schema;
        this.fields = fields.toArray(String[]::new);
        this.names = new String[this.fields.length];
        this.inputs = new FieldPath[this.fields.length];
        this.types = new PrimitiveType.PrimitiveTypeName[this.fields.length];
        for (int c = 0; c < this.fields.length; c++) {
            names[c] = schema.getFieldName(c);
            types[c] = schema.getType(c).isPrimitive()
                    ? schema.getType(c).asPrimitiveType().getPrimitiveTypeName()
                    : null;
            if (OutputColumns.isInput(this.fields[c])) {
                inputs[c] = FieldPath.parse(OutputColumns.inputColumn(this.fields[c]));
            }
        }
    }

    /** Named as parquet-avro's: the files read as its files do (their Avro schema is in the footer too). */
    @Override
    public String getName() {
        return "avro";
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Cursor cursor) {
        ScoredColumns b = cursor.batch;
        int r = cursor.row;
        consumer.startMessage();
        for (int c = 0; c < fields.length; c++) {
            switch (fields[c]) {
                case "source" -> text(c, b.rows().file(), true);
                case "row" -> longValue(c, b.rows().firstRow() + r);
                case "key" -> {
                    // file rows have no key
                }
                case "prediction_id" -> text(c, b.predictionIds()[r], false);
                case "model" -> text(c, b.models()[r], true);
                case "version" -> intValue(c, b.versions()[r]);
                case "sha256" -> text(c, b.sha256()[r], true);
                case "arm" -> text(c, b.arms()[r], true);
                case "score" -> {
                    Double score = b.scores()[r];
                    if (score != null) {
                        consumer.startField(names[c], c);
                        consumer.addDouble(score);
                        consumer.endField(names[c], c);
                    }
                }
                case "label" -> text(c, b.labels()[r], true);
                case "event_time" -> longValue(c, b.rows().fileTime());
                case "scored_at" -> longValue(c, b.scoredAt());
                case "scorer" -> text(c, b.scorer(), true);
                default -> input(c, b.rows().columns(), r);
            }
        }
        consumer.endMessage();
    }

    private void input(int c, ColumnBatch columns, int r) {
        ColumnBatch.Column column = columns.column(inputs[c]);
        Object value = column == null ? null : column.value(r);
        if (value == null) {
            return;
        }
        consumer.startField(names[c], c);
        switch (types[c]) {
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case INT32 -> consumer.addInteger(((Number) value).intValue());
            case INT64 -> consumer.addLong(((Number) value).longValue());
            case FLOAT -> consumer.addFloat(((Number) value).floatValue());
            case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
            default -> consumer.addBinary(Binary.fromString(value.toString()));
        }
        consumer.endField(names[c], c);
    }

    private void text(int c, String value, boolean repeats) {
        if (value == null) {
            return;
        }
        consumer.startField(names[c], c);
        consumer.addBinary(repeats ? cached(value) : Binary.fromString(value));
        consumer.endField(names[c], c);
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

    private void longValue(int c, long value) {
        consumer.startField(names[c], c);
        consumer.addLong(value);
        consumer.endField(names[c], c);
    }

    private void intValue(int c, int value) {
        consumer.startField(names[c], c);
        consumer.addInteger(value);
        consumer.endField(names[c], c);
    }
}
