/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes envelopes to a Kafka topic in the Confluent wire format, keyed and headed like the streaming scorer's
 * output, so batch and online predictions are interchangeable on the topic.
 */
public final class KafkaEnvelopes<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Map<String, String> kafka;
    private final Map<String, String> registry;
    private final AvroFileWriter.SerializableFunction<T, SpecificRecord> value;
    private final AvroFileWriter.SerializableFunction<T, byte[]> key;
    private final AvroFileWriter.SerializableFunction<T, Map<String, byte[]>> headers;
    private transient AvroSerializer<SpecificRecord> serializer;

    /**
     * @param kafka the job's Kafka client settings (to check that the topic exists)
     * @param registry the schema registry client settings
     */
    public KafkaEnvelopes(
            String topic,
            Map<String, String> kafka,
            Map<String, String> registry,
            AvroFileWriter.SerializableFunction<T, SpecificRecord> value,
            AvroFileWriter.SerializableFunction<T, byte[]> key,
            AvroFileWriter.SerializableFunction<T, Map<String, byte[]>> headers) {
        this.topic = topic;
        this.kafka = Map.copyOf(kafka);
        this.registry = Map.copyOf(registry);
        this.value = value;
        this.key = key;
        this.headers = headers;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        requireTopic();
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

    /**
     * A missing topic cannot appear by restarting: the job fails at once with what to do, instead of every write
     * waiting a minute for metadata and the job restarting.
     */
    private void requireTopic() throws Exception {
        Properties props = new Properties();
        props.putAll(kafka);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                throw new SuppressRestartsException(new IllegalStateException("topic " + topic + " does not exist on "
                        + kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": create it, or run the job with "
                        + "--create-topics"));
            }
        }
    }
}
