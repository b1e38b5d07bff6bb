/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer for Confluent-framed Avro. Bad payloads fail with {@link AvroSerdeException}, whose
 * reason says whether the bytes, the schema id or the registry is at fault.
 *
 * @param <T> what a payload decodes to
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
    private final Function<SchemaRegistryClient, AvroReader<T>> readerFactory;
    private SchemaRegistryClient registry;
    private AvroReader<T> reader;

    private AvroDeserializer(SchemaRegistryClient registry, Function<SchemaRegistryClient, AvroReader<T>> factory) {
        this.registry = registry;
        this.readerFactory = factory;
        this.reader = registry == null ? null : factory.apply(registry);
    }

    /** For Kafka to instantiate: generic records with their writer schema, configured by {@link #configure}. */
    public AvroDeserializer() {
        this(null, AvroReader::generic);
    }

    public static <T> AvroDeserializer<T> generic(SchemaRegistryClient registry) {
        return new AvroDeserializer<>(registry, AvroReader::generic);
    }

    public static <T> AvroDeserializer<T> generic(SchemaRegistryClient registry, Schema readerSchema) {
        return new AvroDeserializer<>(registry, r -> AvroReader.generic(r, readerSchema));
    }

    public static <T extends SpecificRecord> AvroDeserializer<T> specific(
            SchemaRegistryClient registry, Class<T> type) {
        return new AvroDeserializer<>(registry, r -> AvroReader.specific(r, type));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.client(configs);
            reader = readerFactory.apply(registry);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (reader == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: call configure() or pass a client");
        }
        return reader.read(data);
    }
}
