/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro records for a model's input topic from a load test's field values: in the topic's latest registered value
 * schema (what its producers write, so the scorers decode them as usual, nested records, arrays and maps filled),
 * or, for a topic without one, a record with one double (or array of doubles, or string) field per manifest field.
 */
final class InputRecords {
    private final Schema schema;

    private InputRecords(Schema schema) {
        this.schema = schema;
    }

    /**
     * @throws IllegalArgumentException when the topic's schema is not a record, or the topic has none and a field is
     *     nested
     */
    static InputRecords forTopic(SchemaRegistryClient registry, String topic, ModelManifest manifest) {
        Schema schema;
        try {
            schema = registry.latest(topic + "-value").schema();
        } catch (RegistryException.NotFound e) {
            schema = fromManifest(topic, manifest);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("the value schema of " + topic + " is a " + schema.getType()
                    + ", not a record: load tests to the topic need a record of the model's fields");
        }
        return new InputRecords(schema);
    }

    Schema schema() {
        return schema;
    }

    /** The record of {@code values} (the model's fields by dotted path), the other fields filled by {@link AvroValues}. */
    GenericRecord record(Map<String, String> values, String key) {
        return AvroValues.record(schema, values, key);
    }

    /** {@code text} as a value of {@code schema}: a number, text, an enum symbol, comma-separated items. */
    static Object convert(Schema schema, String text, String name) {
        return switch (schema.getType()) {
            case UNION -> {
                Schema nonNull = schema.getTypes().stream()
                        .filter(s -> s.getType() != Schema.Type.NULL)
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(name + " is always null"));
                yield text.isEmpty() ? null : convert(nonNull, text, name);
            }
            case DOUBLE -> Double.parseDouble(text);
            case FLOAT -> Float.parseFloat(text);
            case INT -> (int) Math.round(Double.parseDouble(text));
            case LONG -> Math.round(Double.parseDouble(text));
            case BOOLEAN -> Boolean.parseBoolean(text);
            case STRING -> text;
            case ENUM -> new GenericData.EnumSymbol(schema, text);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (String item : text.split(",")) {
                    items.add(convert(schema.getElementType(), item.trim(), name));
                }
                yield items;
            }
            default ->
                throw new IllegalArgumentException(
                        "field " + name + " is a " + schema.getType() + ": load tests fill numbers, text and arrays");
        };
    }

    private static Schema fromManifest(String topic, ModelManifest manifest) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("LoadTestRecord")
                .namespace("dev.inferstream.console.load")
                .fields();
        for (FieldSpec field : fields(manifest)) {
            String name = field.path().text();
            if (field.path().segments().size() > 1) {
                throw new IllegalArgumentException(topic + " has no registered value schema and field " + name
                        + " is nested: produce one event to the topic (registering its schema) before a load test");
            }
            if (!field.vocabulary().isEmpty() || field.encoding() != FieldSpec.Encoding.VALUE) {
                fields = fields.requiredString(name);
            } else if (field.length() > 1) {
                fields = fields.name(name).type().array().items().doubleType().noDefault();
            } else {
                fields = fields.requiredDouble(name);
            }
        }
        return fields.endRecord();
    }

    private static List<FieldSpec> fields(ModelManifest manifest) {
        List<FieldSpec> out = new ArrayList<>();
        manifest.inputs().forEach(input -> out.addAll(input.fields()));
        return out;
    }
}
