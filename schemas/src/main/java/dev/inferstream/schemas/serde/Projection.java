/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;

/**
 * The top-level fields a reader needs from each record: {@link AvroReader#read(byte[], Projection)} resolves every
 * writer schema against its projection (the writer's own schema without the other fields) once per schema id and
 * skips the other fields' bytes instead of decoding them. A field the writer lacks stays absent, as without a
 * projection. Immutable apart from its cache of datum readers; make a new one when the set of fields changes.
 *
 * <pre>{@code
 * Projection fields = Projection.of(Set.of("amount", "device"));
 * GenericRecord event = reader.read(bytes, fields);
 * }</pre>
 */
public final class Projection {
    private final Set<String> fields;
    private final Map<Integer, DatumReader<?>> readers = new ConcurrentHashMap<>();

    private Projection(Set<String> fields) {
        this.fields = Set.copyOf(fields);
    }

    /** Reads only the top-level fields named in {@code fields} (a nested record field is read whole). */
    public static Projection of(Set<String> fields) {
        return new Projection(fields);
    }

    public Set<String> fields() {
        return fields;
    }

    /**
     * {@code writer} without the fields this projection leaves out, in the writer's order and with the writer's
     * field schemas, so it always resolves against the writer; the writer itself when nothing is left out or it is
     * not a record.
     */
    public Schema of(Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return writer;
        }
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field field : writer.getFields()) {
            if (fields.contains(field.name())) {
                kept.add(new Schema.Field(field, field.schema()));
            }
        }
        if (kept.size() == writer.getFields().size()) {
            return writer;
        }
        return Schema.createRecord(writer.getName(), writer.getDoc(), writer.getNamespace(), writer.isError(), kept);
    }

    /** The cached datum reader of writer schema {@code id} under this projection. */
    Map<Integer, DatumReader<?>> readers() {
        return readers;
    }

    @Override
    public String toString() {
        return "projection onto " + fields;
    }
}
