/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer writing Avro records (generic or generated) and primitives in the Confluent wire format,
 * under TopicNameStrategy subjects ({@code <topic>-value}, {@code <topic>-key}).
 *
 * @param <T> the record type
 */
public final class AvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private AvroWriter writer;
    private boolean isKey;

    /** For Kafka to instantiate; {@link #configure} then reads {@code schema.registry.url} and friends. */
    public AvroSerializer() {}

    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.writer = new AvroWriter(registry, autoRegister);
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
        writer = new AvroWriter(registry, SerdeConfig.autoRegister(configs));
    }

    /**
     * Registers {@code schema} for {@code topic} now (or looks it up, without auto-registration), so that records
     * with it serialize without a registry call; fails as {@link #serialize} would.
     *
     * @return the schema's id
     */
    public int register(String topic, Schema schema) {
        if (writer == null) {
            throw new IllegalStateException("AvroSerializer is not configured: call configure() or pass a client");
        }
        return writer.schemaId(SerdeConfig.subject(topic, isKey), schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (writer == null) {
            throw new IllegalStateException("AvroSerializer is not configured: call configure() or pass a client");
        }
        return writer.write(SerdeConfig.subject(topic, isKey), data);
    }
}
