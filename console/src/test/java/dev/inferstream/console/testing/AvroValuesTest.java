/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.manifest.FieldPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroValuesTest {
    static final Schema ITEM = SchemaBuilder.record("Item")
            .namespace("test.load")
            .fields()
            .requiredString("sku")
            .requiredDouble("price")
            .endRecord();
    static final Schema DEVICE = SchemaBuilder.record("Device")
            .namespace("test.load")
            .fields()
            .requiredString("os")
            .requiredFloat("score")
            .endRecord();
    static final Schema CARD = SchemaBuilder.record("Card")
            .namespace("test.load")
            .fields()
            .requiredDouble("limit")
            .name("country")
            .type()
            .enumeration("Country")
            .symbols("DE", "FR")
            .noDefault()
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .endRecord();
    static final Schema EVENT = SchemaBuilder.record("Event")
            .namespace("test.load")
            .fields()
            .requiredString("id")
            .requiredDouble("amount")
            .name("card")
            .type(CARD)
            .noDefault()
            .name("device")
            .type()
            .optional()
            .type(DEVICE)
            .name("items")
            .type()
            .array()
            .items(ITEM)
            .noDefault()
            .name("attributes")
            .type()
            .map()
            .values()
            .doubleType()
            .noDefault()
            .optionalDouble("discount")
            .name("currency")
            .type()
            .stringType()
            .stringDefault("EUR")
            .name("at")
            .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .name("checksum")
            .type()
            .fixed("Checksum")
            .size(4)
            .noDefault()
            .endRecord();

    @Test
    void theModelsNestedFieldsLandInTheirRecordsAndEveryOtherFieldIsFilledByItsType() throws IOException {
        GenericRecord record = AvroValues.record(
                EVENT, Map.of("amount", "12.5", "card.limit", "300", "device.score", "0.75"), "load-1");

        assertThat(GenericData.get().validate(EVENT, record)).isTrue();
        GenericRecord read = roundTrip(record);
        AvroFieldSource fields = new AvroFieldSource(read);
        assertThat(fields.value(FieldPath.parse("amount"))).isEqualTo(12.5);
        assertThat(fields.value(FieldPath.parse("card.limit"))).isEqualTo(300.0);
        assertThat(fields.value(FieldPath.parse("device.score"))).isEqualTo(0.75f);
        assertThat(fields.value(FieldPath.parse("device.os")).toString()).isEqualTo("load-1");
        assertThat(fields.value(FieldPath.parse("card.country")).toString()).isEqualTo("DE");
        assertThat((List<?>) fields.value(FieldPath.parse("card.tags"))).hasSize(AvroValues.ENTRIES);
        List<?> items = (List<?>) read.get("items");
        assertThat(items).hasSize(AvroValues.ENTRIES).allSatisfy(i -> {
            assertThat(((GenericRecord) i).get("sku").toString()).isEqualTo("load-1");
            assertThat(((GenericRecord) i).get("price")).isEqualTo(0.0);
        });
        assertThat((Map<?, ?>) read.get("attributes")).hasSize(AvroValues.ENTRIES);
        assertThat(read.get("currency").toString())
                .as("a default that is a value")
                .isEqualTo("EUR");
        assertThat((Long) read.get("at")).as("a timestamp is now").isGreaterThan(1_700_000_000_000L);
        assertThat(read.get("id").toString()).isEqualTo("load-1");
    }

    @Test
    void optionalFieldsTheModelDoesNotReadAreFilledAndAnEmptyValueIsNull() {
        GenericRecord record = AvroValues.record(EVENT, Map.of("discount", ""), "k");
        assertThat(record.get("device")).as("an optional nested record").isInstanceOf(GenericRecord.class);
        assertThat(record.get("discount")).isNull();
        assertThat(AvroValues.record(EVENT, Map.of(), "k").get("discount")).isEqualTo(0.0);
    }

    @Test
    void aRecursiveRecordStopsAtItsOptionalSelfReference() {
        Schema node = new Schema.Parser()
                .parse("{\"type\": \"record\", \"name\": \"Node\", \"namespace\": \"test.load\", \"fields\": ["
                        + "{\"name\": \"name\", \"type\": \"string\"},"
                        + "{\"name\": \"next\", \"type\": [\"null\", \"Node\"], \"default\": null},"
                        + "{\"name\": \"children\", \"type\": {\"type\": \"array\", \"items\": \"Node\"}}]}");
        GenericRecord record = AvroValues.record(node, Map.of(), "root");
        assertThat(GenericData.get().validate(node, record)).isTrue();
        assertThat(record.get("next")).isNull();
        assertThat((List<?>) record.get("children")).isEmpty();
    }

    @Test
    void aValueThatDoesNotFitItsFieldIsRefusedNamingThePath() {
        assertThatThrownBy(() -> AvroValues.record(EVENT, Map.of("card.limit", "lots"), "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field card.limit: 'lots' is not a number");
    }

    private static GenericRecord roundTrip(GenericRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(EVENT).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(EVENT)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
