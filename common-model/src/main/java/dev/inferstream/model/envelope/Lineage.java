/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import dev.inferstream.schemas.SourceRecord;
import java.nio.charset.StandardCharsets;

/**
 * Where a record came from and when, as both engines describe it.
 *
 * @param key the input key as text, or null
 * @param schemaId registry id of the input's writer schema, or null (files without a registry)
 * @param eventTime the input record's timestamp, epoch millis
 */
public record Lineage(SourceRecord source, String key, Integer schemaId, long eventTime) {

    /**
     * The record's stable identity, {@code system|name|partition|offset} in UTF-8: the same Kafka record (topic,
     * partition, offset) or file row (path, row number) has the same identity online and in batch, in every run.
     * Records without a key are split between versions by it.
     */
    public byte[] identity() {
        return (source.getSystem() + "|" + source.getName() + "|" + source.getPartition() + "|" + source.getOffset())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The lineage of a Kafka record; {@code schemaId} is null for records that are not Avro. */
    public static Lineage kafka(
            String topic, int partition, long offset, String key, Integer schemaId, long eventTime) {
        return new Lineage(new SourceRecord("kafka", topic, partition, offset), key, schemaId, eventTime);
    }

    /** The lineage of row {@code row} of file {@code path}. */
    public static Lineage file(String path, long row, String key, long eventTime) {
        return new Lineage(new SourceRecord("file", path, 0, row), key, null, eventTime);
    }
}
