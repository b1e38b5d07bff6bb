/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes one kind of control-plane record (scorer status, alerts) to its topic, keyed by a function of it. */
public final class TopicWriter<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer<T> serializer;
    private final String topic;
    private final Function<T, String> key;

    TopicWriter(Properties producerConfig, SchemaRegistryClient registry, String topic, Function<T, String> key) {
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        this.serializer = new AvroSerializer<>(registry, true, false);
        this.topic = topic;
        this.key = key;
    }

    public void write(T record) {
        producer.send(new ProducerRecord<>(
                topic, key.apply(record).getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, record)));
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
