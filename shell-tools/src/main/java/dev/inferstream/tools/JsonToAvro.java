/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns a JSON value into Avro data of a schema, the way people write JSON: a union's value is written plainly
 * ({@code "device": {"os": "ios"}}; Avro's own {@code {"Device": {…}}} form is accepted too), missing fields take
 * their schema default, {@code timestamp-millis} fields take epoch milliseconds or ISO-8601 text, and unknown
 * fields are refused so a typo never goes unnoticed.
 */
final class JsonToAvro {
    private JsonToAvro() {}

    /** @throws IllegalArgumentException naming the field and the problem */
    static Object convert(JsonNode json, Schema schema) {
        return value(json, schema, "");
    }

    private static Object value(JsonNode json, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(json, schema, path);
            case UNION -> union(json, schema, path);
            case ARRAY -> {
                expect(json.isArray(), "an array", json, path);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                expect(json.isObject(), "an object", json, path);
                Map<String, Object> map = new HashMap<>();
                json.fields()
                        .forEachRemaining(e -> map.put(
                                e.getKey(), value(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
                yield map;
            }
            case ENUM -> {
                expect(
                        json.isTextual() && schema.getEnumSymbols().contains(json.asText()),
                        "one of " + schema.getEnumSymbols(),
                        json,
                        path);
                yield new GenericData.EnumSymbol(schema, json.asText());
            }
            case STRING -> {
                expect(json.isValueNode() && !json.isNull(), "a text", json, path);
                yield json.asText();
            }
            case INT -> {
                expect(json.isIntegralNumber() && json.canConvertToInt(), "a whole number", json, path);
                yield json.asInt();
            }
            case LONG -> longValue(json, schema.getLogicalType(), path);
            case FLOAT -> {
                expect(json.isNumber(), "a number", json, path);
                yield (float) json.asDouble();
            }
            case DOUBLE -> {
                expect(json.isNumber(), "a number", json, path);
                yield json.asDouble();
            }
            case BOOLEAN -> {
                expect(json.isBoolean(), "true or false", json, path);
                yield json.asBoolean();
            }
            case BYTES -> {
                expect(json.isTextual(), "a text", json, path);
                yield ByteBuffer.wrap(json.asText().getBytes(StandardCharsets.UTF_8));
            }
            case FIXED -> {
                byte[] bytes = json.asText().getBytes(StandardCharsets.UTF_8);
                expect(
                        json.isTextual() && bytes.length == schema.getFixedSize(),
                        schema.getFixedSize() + " bytes of text",
                        json,
                        path);
                yield new GenericData.Fixed(schema, bytes);
            }
            case NULL -> {
                expect(json.isNull(), "null", json, path);
                yield null;
            }
        };
    }

    private static GenericData.Record record(JsonNode json, Schema schema, String path) {
        expect(json.isObject(), "an object", json, path);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new IllegalArgumentException(where(path + "." + name) + "is not a field of "
                        + schema.getFullName() + " (its fields: "
                        + schema.getFields().stream().map(Schema.Field::name).toList() + ")");
            }
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode value = json.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new IllegalArgumentException(where(fieldPath) + "is missing and has no default");
                }
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                record.put(field.pos(), value(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object union(JsonNode json, Schema schema, String path) {
        if (json.isNull() && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
            return null;
        }
        if (json.isObject() && json.size() == 1) {
            String tag = json.fieldNames().next();
            for (Schema branch : schema.getTypes()) {
                if (branch.getFullName().equals(tag)
                        || branch.getName().equals(tag)
                        || branch.getType().getName().equals(tag)) {
                    return value(json.get(tag), branch, path);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return value(json, branch, path);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException(where(path) + "fits none of "
                + schema.getTypes().stream().map(Schema::getName).toList() + ": " + String.join("; ", problems));
    }

    private static long longValue(JsonNode json, LogicalType logical, String path) {
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.asLong();
        }
        boolean millis = logical instanceof LogicalTypes.TimestampMillis;
        if (json.isTextual() && millis) {
            try {
                return Instant.parse(json.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where(path) + "expected epoch milliseconds or an ISO-8601 time like "
                        + "2026-01-31T12:00:00Z, got " + json);
            }
        }
        expect(false, millis ? "epoch milliseconds or an ISO-8601 time" : "a whole number", json, path);
        return 0;
    }

    private static void expect(boolean ok, String what, JsonNode json, String path) {
        if (!ok) {
            throw new IllegalArgumentException(where(path) + "expected " + what + ", got " + json);
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "field " + (path.startsWith(".") ? path.substring(1) : path) + ": ";
    }
}
