/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for Confluent-framed Avro, sharing one registry client.
 *
 * <pre>{@code
 * Serde<Prediction> predictions = AvroSerde.specific(registry, Prediction.class, false);
 * }</pre>
 */
public final class AvroSerde {
    private AvroSerde() {}

    public static <T> Serde<T> generic(SchemaRegistryClient registry, boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, true, isKey), AvroDeserializer.generic(registry));
    }

    public static <T> Serde<T> generic(SchemaRegistryClient registry, Schema readerSchema, boolean isKey) {
        return Serdes.serdeFrom(
                new AvroSerializer<>(registry, true, isKey), AvroDeserializer.generic(registry, readerSchema));
    }

    public static <T extends SpecificRecord> Serde<T> specific(
            SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, true, isKey), AvroDeserializer.specific(registry, type));
    }
}
