/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/** Topics, models, events and a scorer config for one integration test, on the shared stack. */
final class ScorerFixture {
    static final int FEATURES = 30;
    static final Schema EVENT = event(FEATURES, -1);

    final TestStack stack;
    final SchemaRegistryClient registry;
    final LocalModelRepository repository;
    final String input;
    final String output;
    final String deadLetter;
    final String shadow;
    final Path stateDir;

    ScorerFixture(TestStack stack, Path dir, int partitions) throws IOException {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        this.repository = new LocalModelRepository(dir.resolve("models"));
        this.input = stack.newTopic("events", partitions);
        this.output = stack.newTopic("predictions", partitions);
        this.deadLetter = stack.newTopic("events-dlq", 1);
        this.shadow = stack.newTopic("predictions-shadow", partitions);
        this.stateDir = dir.resolve("state");
    }

    /** An event schema with id and f0..f(n-1); {@code without} leaves one feature out (-1: none). */
    static Schema event(int features, int without) {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("Event").namespace("test.scoring").fields().requiredString("id");
        for (int f = 0; f < features; f++) {
            if (f != without) {
                fields = fields.requiredDouble("f" + f);
            }
        }
        return fields.endRecord();
    }

    static String manifest(String name, int version) {
        return TestModels.manifest(name, version, FEATURES, TestModels.BINARY_OUTPUTS);
    }

    void publish(String model, int version) throws IOException {
        repository.publish(
                new ModelRef(model, version),
                manifest(model, version).getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(FEATURES, 16, 8, 2, version));
    }

    Properties config(String model, String extra) {
        Properties p = new Properties();
        p.setProperty("application.id", "scorer-" + input);
        p.setProperty("bootstrap.servers", stack.bootstrapServers());
        p.setProperty("schema.registry.url", stack.registryUrl());
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("commit.interval.ms", "100");
        p.setProperty("scorer.model.repository", repository.root().toString());
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", input);
        p.setProperty("scorer.route.main.model", model);
        p.setProperty("scorer.route.main.output", output);
        p.setProperty("scorer.route.main.dead-letter", deadLetter);
        p.setProperty("scorer.route.main.shadow", shadow);
        p.setProperty("scorer.admin.port", "0");
        p.setProperty("scorer.id", "test-scorer");
        for (String line : extra.split("\n")) {
            if (line.contains("=")) {
                p.setProperty(
                        line.substring(0, line.indexOf('=')).trim(),
                        line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return p;
    }

    static List<GenericRecord> events(int count, long seed) {
        Random random = new Random(seed);
        List<GenericRecord> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            GenericRecord e = new GenericData.Record(EVENT);
            e.put("id", "e-" + seed + "-" + i);
            for (int f = 0; f < FEATURES; f++) {
                e.put("f" + f, random.nextGaussian());
            }
            events.add(e);
        }
        return events;
    }

    static byte[] key(int i) {
        return ("card-" + (i % 97)).getBytes(StandardCharsets.UTF_8);
    }

    void produce(List<GenericRecord> events) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(input, key(i), values.serialize(input, events.get(i))));
            }
        }
    }

    /** The input topic's end offset per partition: records produced from now on are at or after them. */
    java.util.Map<Integer, Long> inputEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                stack.consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(input).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(input, p.partition()))
                    .toList();
            java.util.Map<Integer, Long> ends = new java.util.HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    /** Whether {@code prediction} was made of an input record produced after {@code ends} were taken. */
    static boolean after(java.util.Map<Integer, Long> ends, Prediction prediction) {
        return prediction.getSource().getOffset()
                >= ends.get(prediction.getSource().getPartition());
    }

    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    List<ConsumerRecord<byte[], Prediction>> predictions(String topic, int count, Duration timeout) {
        return consume(topic, count, timeout, AvroDeserializer.specific(registry, Prediction.class));
    }

    <T> List<ConsumerRecord<byte[], T>> consume(String topic, int count, Duration timeout, Deserializer<T> values) {
        List<ConsumerRecord<byte[], T>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer =
                new KafkaConsumer<>(stack.consumerProperties(), new ByteArrayDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            if (count > 0) {
                Awaitility.await(count + " records on " + topic)
                        .atMost(timeout)
                        .pollInSameThread()
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                            return out.size() >= count;
                        });
            }
            // anything beyond the expected count would be a duplicate: read a little longer to catch it
            long grace = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < grace) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        assertThat(out).as("records read from " + topic).hasSizeGreaterThanOrEqualTo(count);
        return out;
    }
}
