/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live traffic for the browser test: Avro events with fields f0..f3 at a steady rate, keyed by card, and now and
 * then a record that cannot be decoded (a dead letter). Stops when closed.
 */
public final class EventFeed implements AutoCloseable {
    public static final Schema EVENT = SchemaBuilder.record("Transaction")
            .namespace("test.console")
            .fields()
            .requiredString("id")
            .requiredDouble("f0")
            .requiredDouble("f1")
            .requiredDouble("f2")
            .requiredDouble("f3")
            .endRecord();

    private final Thread thread;
    private volatile boolean running = true;

    private EventFeed(TestStack stack, String topic, int perSecond) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
        this.thread = new Thread(
                () -> {
                    Random random = new Random(5);
                    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                            stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
                        long n = 0;
                        while (running) {
                            GenericRecord e = new GenericData.Record(EVENT);
                            e.put("id", "t-" + n);
                            for (int f = 0; f < 4; f++) {
                                e.put("f" + f, random.nextGaussian());
                            }
                            byte[] key = ("card-" + random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
                            byte[] value = n % 200 == 199
                                    ? "not avro".getBytes(StandardCharsets.UTF_8)
                                    : values.serialize(topic, e);
                            producer.send(new ProducerRecord<>(topic, key, value));
                            n++;
                            Thread.sleep(1000L / perSecond);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "console-test-feed");
        thread.setDaemon(true);
    }

    public static EventFeed start(TestStack stack, String topic, int perSecond) {
        EventFeed feed = new EventFeed(stack, topic, perSecond);
        feed.thread.start();
        return feed;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
