/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.batch.io.CsvFieldSource;
import dev.inferstream.batch.io.InputRow;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.WireFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns an input row into the shared scorer's input: an Avro file record or CSV cells as fields, a Kafka value
 * decoded through the registry, each with its lineage and event time. A value that cannot be decoded becomes a
 * failed input (a dead letter), never an exception, unless the registry is unavailable (a restart may heal that).
 */
final class RowDecoder {
    private final AvroReader<GenericRecord> reader;
    private final FieldPath eventTimeField;
    private List<String> lastHeader;
    private Map<String, Integer> lastColumns;

    /**
     * @param reader decodes Confluent-framed Kafka values; null when the inputs are files
     * @param eventTimeField the field holding a file row's event time; null: the file's modification time
     */
    RowDecoder(AvroReader<GenericRecord> reader, FieldPath eventTimeField) {
        this.reader = reader;
        this.eventTimeField = eventTimeField;
    }

    RecordScorer.Input decode(InputRow row, long arrival) {
        if (row.payload() instanceof GenericRecord record) {
            return fileRow(row, new AvroFieldSource(record), arrival);
        }
        if (row.payload() instanceof InputRow.CsvCells cells) {
            return fileRow(row, new CsvFieldSource(columns(cells), cells.cells()), arrival);
        }
        return kafkaRecord(row, arrival);
    }

    private RecordScorer.Input fileRow(InputRow row, FieldSource fields, long arrival) {
        long eventTime = row.timestamp();
        if (eventTimeField != null) {
            try {
                eventTime = EventTime.parse(fields.value(eventTimeField));
            } catch (IllegalArgumentException e) {
                return RecordScorer.Input.failed(
                        Lineage.file(row.name(), row.offset(), null, row.timestamp()),
                        null,
                        null,
                        row.headers(),
                        "BAD_EVENT_TIME",
                        new IllegalArgumentException(
                                "--event-time-field " + eventTimeField.text() + ": " + e.getMessage(), e));
            }
        }
        return RecordScorer.Input.decoded(
                Lineage.file(row.name(), row.offset(), null, eventTime), null, null, row.headers(), fields, arrival);
    }

    private RecordScorer.Input kafkaRecord(InputRow row, long arrival) {
        String key = KeyText.of(row.key());
        byte[] value = (byte[]) row.payload();
        try {
            GenericRecord record = reader.read(value);
            if (record == null) {
                throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "the record has no value", null);
            }
            return RecordScorer.Input.decoded(
                    Lineage.kafka(
                            row.name(),
                            row.partition(),
                            row.offset(),
                            key,
                            WireFormat.schemaId(value),
                            row.timestamp()),
                    row.key(),
                    value,
                    row.headers(),
                    new AvroFieldSource(record),
                    arrival);
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw e;
            }
            return RecordScorer.Input.failed(
                    Lineage.kafka(row.name(), row.partition(), row.offset(), key, null, row.timestamp()),
                    row.key(),
                    value,
                    row.headers(),
                    e.reason().name(),
                    e);
        }
    }

    private Map<String, Integer> columns(InputRow.CsvCells cells) {
        if (cells.header() != lastHeader) {
            lastHeader = cells.header();
            lastColumns = CsvFieldSource.columns(cells.header());
        }
        return lastColumns;
    }
}
