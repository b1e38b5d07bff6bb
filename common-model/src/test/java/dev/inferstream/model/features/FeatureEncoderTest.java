/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import static dev.inferstream.model.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.features.FeatureException.Reason;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ManifestParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
    private static final String FIELDS = """
              - amount
              - {name: device.trusted, default: 0}
              - {name: channel, vocabulary: [pos, web, atm], encoding: onehot}
              - {name: country, vocabulary: [FR, DE], unknown: ignore}
              - {name: embedding, length: 2}
            """;

    @Test
    void packsScalarsDefaultsOneHotIndexAndVectorsInOrder() {
        float[] row = encode(
                FIELDS,
                new MapFieldSource(
                        map("amount", 12.5, "channel", "web", "country", "DE", "embedding", List.of(0.25, -1))));
        assertThat(row).containsExactly(12.5f, 0f, 0f, 1f, 0f, 1f, 0.25f, -1f);
    }

    @Test
    void readsNestedAvroFieldsAndBooleans() {
        Schema device = SchemaBuilder.record("Device")
                .fields()
                .requiredBoolean("trusted")
                .endRecord();
        Schema schema = SchemaBuilder.record("Tx")
                .fields()
                .requiredDouble("amount")
                .name("device")
                .type(device)
                .noDefault()
                .requiredString("channel")
                .requiredString("country")
                .name("embedding")
                .type()
                .array()
                .items()
                .doubleType()
                .noDefault()
                .endRecord();
        GenericRecord d = new GenericData.Record(device);
        d.put("trusted", true);
        GenericRecord tx = new GenericData.Record(schema);
        tx.put("amount", 3.0);
        tx.put("device", d);
        tx.put("channel", new org.apache.avro.util.Utf8("atm"));
        tx.put("country", "XX");
        tx.put("embedding", List.of(1.0, 2.0));

        assertThat(encode(FIELDS, new AvroFieldSource(tx))).containsExactly(3f, 1f, 0f, 0f, 1f, -1f, 1f, 2f);
    }

    @Test
    void readsTheSameFieldsFromSchemasThatOrderThemDifferently() {
        Schema ab = SchemaBuilder.record("R")
                .fields()
                .requiredDouble("a")
                .requiredDouble("b")
                .endRecord();
        Schema ba = SchemaBuilder.record("R")
                .fields()
                .requiredDouble("b")
                .optionalDouble("c")
                .requiredDouble("a")
                .endRecord();
        GenericRecord first = new GenericData.Record(ab);
        first.put("a", 1.0);
        first.put("b", 2.0);
        GenericRecord second = new GenericData.Record(ba);
        second.put("a", 10.0);
        second.put("b", 20.0);
        String fields = "  - a\n  - b\n  - {name: c, default: -1}\n";
        for (int i = 0; i < 3; i++) {
            assertThat(encode(fields, new AvroFieldSource(first))).containsExactly(1f, 2f, -1f);
            assertThat(encode(fields, new AvroFieldSource(second))).containsExactly(10f, 20f, -1f);
        }
    }

    @Test
    void parsesNumbersFromText() {
        assertThat(encode("  - amount\n", new MapFieldSource(map("amount", " 7.25 "))))
                .containsExactly(7.25f);
    }

    @Test
    void textNumbersParseToTheSameDoubleAsJavaInEverySyntaxItAccepts() {
        List<String> texts = new ArrayList<>(List.of(
                "0.1",
                "-0",
                "+.5",
                "5.",
                "1e-400",
                "4.9e-324",
                "2.2250738585072011e-308",
                "1.7976931348623157e308",
                "1.5d",
                "2F",
                "0x1p3",
                "\t2\n",
                " 9007199254740993 ",
                "123456789012345678901234567890"));
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * 1e6;
            if (Double.isFinite(d)) {
                texts.add(i % 4 < 2 ? Double.toString(d) : String.format(Locale.ROOT, "%.17g", d));
            }
        }
        for (String text : texts) {
            double expected = Double.parseDouble(text.trim());
            assertThat(Double.doubleToRawLongBits(encode64("  - amount\n", new MapFieldSource(map("amount", text)))))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        for (String text : List.of("1,5", "1_000", "", " ", "\u00a01", "\u0661", "1e", "--1", "0x", "one")) {
            assertRejected("  - amount\n", map("amount", text), Reason.WRONG_TYPE, "is not a number");
        }
    }

    @Test
    void missingFieldWithoutDefaultIsRejected() {
        assertRejected(
                FIELDS,
                map("channel", "web", "country", "FR", "embedding", List.of(1, 2)),
                Reason.MISSING_FIELD,
                "amount");
    }

    @Test
    void wrongTypeIsRejected() {
        assertRejected("  - amount\n", map("amount", "twelve"), Reason.WRONG_TYPE, "'twelve' is not a number");
        assertRejected("  - amount\n", map("amount", Map.of()), Reason.WRONG_TYPE, "expected a number");
    }

    @Test
    void nonFiniteValuesAreRejectedUnlessAllowed() {
        assertRejected("  - amount\n", map("amount", Double.NaN), Reason.NON_FINITE, "allowNonFinite");
        assertRejected("  - amount\n", map("amount", Double.POSITIVE_INFINITY), Reason.NON_FINITE, "Infinity");
        float[] allowed = encode("  - amount\n", "true", new MapFieldSource(map("amount", Double.NaN)));
        assertThat(allowed[0]).isNaN();
    }

    @Test
    void vectorOfWrongLengthIsRejected() {
        assertRejected(
                "  - {name: e, length: 3}\n", map("e", List.of(1, 2)), Reason.WRONG_LENGTH, "expected 3 values, got 2");
    }

    @Test
    void unknownCategoryIsRejectedUnlessIgnored() {
        assertRejected(
                "  - {name: c, vocabulary: [a, b]}\n",
                map("c", "z"),
                Reason.UNKNOWN_CATEGORY,
                "'z' is not in the vocabulary");
    }

    @Test
    void fillsStringTensorsWithTextAndDefaults() {
        InputSpec spec = input("  - city\n  - {name: region, default: none}\n", "string", "false");
        String[] target = new String[4];
        new FeatureEncoder(spec).encodeStrings(new MapFieldSource(map("city", "paris")), target, 1);
        assertThat(target).containsExactly(null, null, "paris", "none");
    }

    private static void assertRejected(String fields, Map<String, Object> values, Reason reason, String message) {
        ThrowingCallable call = () -> encode(fields, new MapFieldSource(values));
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        FeatureException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Test
    void encodesColumnsIntoTheSameTensorAsRecordByRecordAndRefusesWhatItCannotMap() {
        String fields = """
                  - amount
                  - {name: trusted, default: 0}
                  - count
                """;
        FeatureEncoder encoder = new FeatureEncoder(input(fields, "float32", "false"));
        ColumnBatch batch = new ColumnBatch(3);
        ColumnBatch.Column amount = batch.column(FieldPath.parse("amount"), ColumnBatch.Kind.FLOAT);
        ColumnBatch.Column trusted = batch.column(FieldPath.parse("trusted"), ColumnBatch.Kind.BOOLEAN);
        ColumnBatch.Column count = batch.column(FieldPath.parse("count"), ColumnBatch.Kind.LONG);
        for (int r = 0; r < 3; r++) {
            amount.numbers()[r] = 1.5f * r - 0.1f;
            trusted.longs()[r] = r % 2;
            count.longs()[r] = 1L << (20 + r);
        }
        trusted.nulls()[2] = true;
        batch.size(3);
        int[] order = {2, 0, 1};
        ByteBuffer columns = ByteBuffer.allocateDirect(3 * 3 * 4).order(ByteOrder.nativeOrder());
        ByteBuffer records = ByteBuffer.allocateDirect(3 * 3 * 4).order(ByteOrder.nativeOrder());

        assertThat(encoder.columnar()).isTrue();
        assertThat(encoder.encodeColumns(batch, order, 3, columns)).isTrue();
        for (int r = 0; r < 3; r++) {
            encoder.encode(batch.row(order[r]), records, r);
        }
        assertThat(columns).isEqualTo(records);

        amount.numbers()[0] = Double.POSITIVE_INFINITY;
        assertThat(encoder.encodeColumns(batch, order, 3, columns))
                .as("a non-finite value")
                .isFalse();
        amount.numbers()[0] = 1;
        amount.nulls()[1] = true;
        assertThat(encoder.encodeColumns(batch, order, 3, columns))
                .as("a null without default")
                .isFalse();
        assertThat(new FeatureEncoder(input("  - device.os\n", "float32", "false")).columnar())
                .as("a nested field")
                .isFalse();
    }

    private static float[] encode(String fields, FieldSource source) {
        return encode(fields, "false", source);
    }

    private static float[] encode(String fields, String allowNonFinite, FieldSource source) {
        FeatureEncoder encoder = new FeatureEncoder(input(fields, "float32", allowNonFinite));
        ByteBuffer buffer = ByteBuffer.allocateDirect(encoder.width() * 4 * 2).order(ByteOrder.nativeOrder());
        encoder.encode(source, buffer, 1);
        float[] row = new float[encoder.width()];
        for (int i = 0; i < row.length; i++) {
            row[i] = buffer.getFloat((encoder.width() + i) * 4);
        }
        return row;
    }

    private static double encode64(String fields, FieldSource source) {
        FeatureEncoder encoder = new FeatureEncoder(input(fields, "float64", "false"));
        ByteBuffer buffer = ByteBuffer.allocateDirect(encoder.width() * 8).order(ByteOrder.nativeOrder());
        encoder.encode(source, buffer, 0);
        return buffer.getDouble(0);
    }

    private static InputSpec input(String fields, String type, String allowNonFinite) {
        String yaml = "name: m\nversion: 1\ninputs:\n  - name: x\n    type: " + type + "\n    allowNonFinite: "
                + allowNonFinite + "\n    fields:\n" + fields.replace("  - ", "      - ")
                + "outputs: [{name: y, kind: score}]\n";
        try {
            return ManifestParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "test")
                    .inputs()
                    .get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
