/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inferstream.model.envelope.KeyText;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro data as plain JSON: records as objects, unions as their value, enums as their symbol, bytes as predictions
 * show keys ({@link KeyText}): text when they are printable UTF-8 (a dead letter's original key), else {@code
 * base64:…}.
 */
final class AvroToJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroToJson() {}

    static JsonNode convert(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), convert(record.get(field.pos())));
            }
            return object;
        }
        if (datum instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(k.toString(), convert(v)));
            return object;
        }
        if (datum instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(i -> array.add(convert(i)));
            return array;
        }
        if (datum instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.textNode(KeyText.of(bytes));
        }
        if (datum instanceof GenericFixed fixed) {
            return NODES.textNode(KeyText.of(fixed.bytes()));
        }
        if (datum instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (datum instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (datum instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (datum instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (datum instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(datum.toString());
    }
}
