/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads fields, nested records included, from an Avro record; a missing field reads as null. The position of each
 * top-level field is resolved once per writer schema and cached, so reading a field costs an array access rather
 * than a lookup by name.
 */
public final class AvroFieldSource implements FieldSource {
    private static final Map<Schema, Positions> POSITIONS = new ConcurrentHashMap<>();

    private final GenericRecord record;
    private final Positions positions;

    /** The schema instance last looked up and its positions: records of one reader share their schema instance. */
    private static volatile Last last = new Last(null, null);

    /** Reads {@code record}'s fields; field positions are looked up once per schema, not per record. */
    public AvroFieldSource(GenericRecord record) {
        this.record = record;
        Schema schema = record.getSchema();
        Last seen = last;
        if (seen.schema != schema) {
            // an equal schema from another reader may be the map's key: looking it up compares them field by field
            seen = new Last(schema, POSITIONS.computeIfAbsent(schema, Positions::new));
            last = seen;
        }
        this.positions = seen.positions;
    }

    /** A schema instance and its positions. */
    private record Last(Schema schema, Positions positions) {}

    public GenericRecord record() {
        return record;
    }

    @Override
    public Object value(FieldPath path) {
        int position = positions.of(path);
        if (position < 0) {
            return null;
        }
        Object current = record.get(position);
        List<String> segments = path.segments();
        for (int i = 1; i < segments.size(); i++) {
            if (!(current instanceof GenericRecord r)) {
                return null;
            }
            Schema.Field field = r.getSchema().getField(segments.get(i));
            if (field == null) {
                return null;
            }
            current = r.get(field.pos());
        }
        return current;
    }

    /** Where each path's first segment sits in one schema: -1 absent, -2 not resolved yet. */
    private static final class Positions {
        private static final int UNKNOWN = -2;
        private final Schema schema;
        private volatile int[] byId = new int[0];

        Positions(Schema schema) {
            this.schema = schema;
        }

        int of(FieldPath path) {
            int[] known = byId;
            int id = path.id();
            if (id < known.length && known[id] != UNKNOWN) {
                return known[id];
            }
            return resolve(path);
        }

        private synchronized int resolve(FieldPath path) {
            Schema.Field field = schema.getType() == Schema.Type.RECORD
                    ? schema.getField(path.segments().get(0))
                    : null;
            int position = field == null ? -1 : field.pos();
            int[] grown = byId;
            if (path.id() >= grown.length) {
                int old = grown.length;
                grown = Arrays.copyOf(grown, Math.max(path.id() + 1, old * 2));
                Arrays.fill(grown, old, grown.length, UNKNOWN);
            } else {
                grown = grown.clone();
            }
            grown[path.id()] = position;
            byId = grown;
            return position;
        }
    }
}
