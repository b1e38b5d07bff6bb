/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model's record form as its metadata advertises it ({@code record_inputs}): field → datatype and width. */
final class FieldTypes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One field of the record form. */
    record Field(String name, String datatype, int length) {}

    private final Map<String, Field> fields;

    private FieldTypes(Map<String, Field> fields) {
        this.fields = fields;
    }

    static FieldTypes parse(String recordInputs) {
        Map<String, Field> fields = new LinkedHashMap<>();
        try {
            for (JsonNode f : JSON.readTree(recordInputs == null ? "[]" : recordInputs)) {
                JsonNode shape = f.path("shape");
                int length = shape.size() > 1 ? shape.get(1).asInt() : 1;
                fields.put(
                        f.path("name").asText(),
                        new Field(f.path("name").asText(), f.path("datatype").asText(), length));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the server's record_inputs are not JSON: " + e.getMessage(), e);
        }
        return new FieldTypes(fields);
    }

    /**
     * Typed values of text fields: numbers for FP64 fields ({@code 1,2,3} for an array field), text for BYTES.
     *
     * @throws IllegalArgumentException naming the field when it is unknown or not a number
     */
    Map<String, Object> typed(Map<String, String> text) {
        Map<String, Object> out = new LinkedHashMap<>();
        text.forEach((name, value) -> {
            Field field = fields.get(name);
            if (field == null) {
                throw new IllegalArgumentException("unknown field '" + name + "'; the model reads " + fields.keySet());
            }
            if (field.datatype().equals("BYTES")) {
                out.put(name, value);
                return;
            }
            List<Double> numbers = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    numbers.add(Double.parseDouble(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field '" + name + "' takes numbers, not '" + value + "'");
                }
            }
            if (numbers.size() != field.length()) {
                throw new IllegalArgumentException(
                        "field '" + name + "' takes " + field.length() + " numbers, got " + numbers.size());
            }
            out.put(name, field.length() == 1 ? numbers.get(0) : numbers);
        });
        return out;
    }
}
