/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes envelopes to a Kafka topic in the Confluent wire format, keyed and headed like the streaming scorer's
 * output, so batch and online predictions are interchangeable on the topic.
 */
public final class KafkaEnvelopes<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Map<String, String> registry;
    private final AvroFileWriter.SerializableFunction<T, SpecificRecord> value;
    private final AvroFileWriter.SerializableFunction<T, byte[]> key;
    private final AvroFileWriter.SerializableFunction<T, Map<String, byte[]>> headers;
    private transient AvroSerializer<SpecificRecord> serializer;

    public KafkaEnvelopes(
            String topic,
            Map<String, String> registry,
            AvroFileWriter.SerializableFunction<T, SpecificRecord> value,
            AvroFileWriter.SerializableFunction<T, byte[]> key,
            AvroFileWriter.SerializableFunction<T, Map<String, byte[]>> headers) {
        this.topic = topic;
        this.registry = Map.copyOf(registry);
        this.value = value;
        this.key = key;
        this.headers = headers;
    }

    @Override
    public void open(
            org.apache.flink.api.common.serialization.SerializationSchema.InitializationContext context,
            KafkaSinkContext sinkContext) {
        serializer =
                new AvroSerializer<>(new SchemaRegistryClient(RegistryConfig.fromProperties(registry)), true, false);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, null, timestamp, key.apply(element), serializer.serialize(topic, value.apply(element)));
        headers.apply(element).forEach((k, v) -> record.headers().add(k, v));
        return record;
    }
}
