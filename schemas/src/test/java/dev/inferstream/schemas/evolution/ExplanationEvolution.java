/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** The envelopes as they were before they gained the optional {@code explanation} field. */
final class ExplanationEvolution {
    private ExplanationEvolution() {}

    /** {@code current} without its {@code explanation} field: the schema that producers already registered. */
    static Schema previous(Schema current) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("explanation")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        if (fields.size() != current.getFields().size() - 1) {
            throw new IllegalStateException(current.getFullName() + " has no explanation field");
        }
        return Schema.createRecord(
                current.getName(), current.getDoc(), current.getNamespace(), current.isError(), fields);
    }
}
