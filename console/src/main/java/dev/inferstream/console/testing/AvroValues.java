/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A load test's record in a topic's value schema, built recursively: the fields the model reads from their values
 * (by dotted path, so {@code card.amount} lands in the nested record {@code card}); every other field its default
 * when that is a value, else one generated for its type: nested records filled, arrays and maps with two entries,
 * the non-null branch of a union, the record's key for text, the current time for timestamps.
 */
final class AvroValues {
    /** Entries generated for an array or a map the model does not read. */
    static final int ENTRIES = 2;

    private final Map<String, String> values;
    private final String key;
    private final Set<String> open = new HashSet<>();

    private AvroValues(Map<String, String> values, String key) {
        this.values = values;
        this.key = key;
    }

    /**
     * @param values the model's fields by dotted path, as text (numbers, text, comma-separated arrays; empty: null)
     * @param key the record's key, used as the text of generated strings
     * @throws IllegalArgumentException when a value does not fit its field, or a record contains itself without a
     *     way out (a required recursive field)
     */
    static GenericRecord record(Schema schema, Map<String, String> values, String key) {
        return (GenericRecord) new AvroValues(values, key).generate(schema, "");
    }

    private Object generate(Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(schema, path);
            case UNION -> union(schema, path);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                if (!recursive(schema.getElementType())) {
                    for (int i = 0; i < ENTRIES; i++) {
                        items.add(generate(schema.getElementType(), path));
                    }
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                if (!recursive(schema.getValueType())) {
                    for (int i = 1; i <= ENTRIES; i++) {
                        entries.put("key" + i, generate(schema.getValueType(), path));
                    }
                }
                yield entries;
            }
            case ENUM ->
                new GenericData.EnumSymbol(
                        schema,
                        schema.getEnumDefault() != null
                                ? schema.getEnumDefault()
                                : schema.getEnumSymbols().get(0));
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case BYTES -> ByteBuffer.wrap(new byte[] {0});
            case STRING -> isLogical(schema, "uuid") ? uuid() : key;
            case INT -> isLogical(schema, "date") ? (int) LocalDate.now().toEpochDay() : 0;
            case LONG -> now(schema);
            case FLOAT -> 0.0f;
            case DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case NULL -> null;
        };
    }

    private GenericRecord record(Schema schema, String path) {
        if (!open.add(schema.getFullName())) {
            throw new IllegalArgumentException("record " + schema.getFullName() + " at " + path
                    + " requires itself: load tests cannot build it (make the recursive field optional)");
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String at = path.isEmpty() ? field.name() : path + "." + field.name();
            String text = values.get(at);
            if (text != null) {
                record.put(field.pos(), convert(field.schema(), text, at));
            } else if (read(at) || !usefulDefault(field)) {
                record.put(field.pos(), generate(field.schema(), at));
            } else {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            }
        }
        open.remove(schema.getFullName());
        return record;
    }

    private static Object convert(Schema schema, String text, String path) {
        try {
            return InputRecords.convert(schema, text, path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + path + ": '" + text + "' is not a number", e);
        }
    }

    /** The branch holding the model's fields below {@code path}, else the first non-null one that can be built. */
    private Object union(Schema schema, String path) {
        Schema chosen = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL || recursive(branch)) {
                continue;
            }
            if (chosen == null || (read(path) && branch.getType() == Schema.Type.RECORD)) {
                chosen = branch;
            }
        }
        return chosen == null ? null : generate(chosen, path);
    }

    /** Whether the model reads a field below {@code path}. */
    private boolean read(String path) {
        String prefix = path + ".";
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    private boolean recursive(Schema schema) {
        return schema.getType() == Schema.Type.RECORD && open.contains(schema.getFullName());
    }

    private static boolean usefulDefault(Schema.Field field) {
        if (!field.hasDefaultValue()) {
            return false;
        }
        Object value = GenericData.get().getDefaultValue(field);
        return value != null
                && !(value instanceof Collection<?> c && c.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static Object now(Schema schema) {
        LogicalType type = schema.getLogicalType();
        String name = type == null ? "" : type.getName();
        long millis = System.currentTimeMillis();
        return switch (name) {
            case "timestamp-millis", "local-timestamp-millis" -> millis;
            case "timestamp-micros", "local-timestamp-micros" -> millis * 1_000;
            case "timestamp-nanos", "local-timestamp-nanos" -> millis * 1_000_000;
            default -> 0L;
        };
    }

    private String uuid() {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isLogical(Schema schema, String name) {
        return schema.getLogicalType() != null
                && schema.getLogicalType().getName().equals(name);
    }
}
