/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.errors.ErrorRouting;
import dev.inferstream.streaming.topics.OutputTopics;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The scoring topology in a {@link TopologyTestDriver}: real models, the real registry of the shared test stack,
 * no broker. Topic names are fresh per harness so registry subjects never collide.
 */
final class TopologyHarness implements AutoCloseable {
    static final int FEATURES = 8;
    static final Schema EVENT = event();

    final String input = "events-" + UUID.randomUUID().toString().substring(0, 8);
    final String output = input + "-predictions";
    final String deadLetters = input + "-dlq";
    final String shadows = output + "-shadow";
    final SchemaRegistryClient registry;
    final ModelService models;
    final ScorerMetrics metrics = new ScorerMetrics();
    private final Path dir;
    private final LocalModelRepository repository;
    private TopologyTestDriver driver;
    private AvroSerializer<GenericRecord> events;

    TopologyHarness(TestStack stack, Path dir) throws IOException {
        this.dir = dir;
        this.registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        this.repository = new LocalModelRepository(dir.resolve("models"));
        for (int version = 1; version <= 2; version++) {
            repository.publish(
                    new ModelRef("m", version),
                    TestModels.manifest("m", version, FEATURES, TestModels.BINARY_OUTPUTS)
                            .getBytes(StandardCharsets.UTF_8),
                    TestModels.mlp(FEATURES, 8, 4, 2, version));
        }
        this.models = new ModelService(repository, InferenceOptions.defaults());
    }

    /** Starts the driver with these scorer keys, the given knowledge of the output topics and value encoder. */
    TopologyHarness start(
            String scorerKeys, DeploymentSpec deployment, OutputTopics outputs, Serializer<SpecificRecord> values) {
        models.deploy(deployment).join();
        ScorerConfig config = ScorerConfig.from(properties(scorerKeys));
        Properties streams = new Properties();
        streams.putAll(config.streams());
        new ErrorRouting(Map.of(), Map.of(shadows, "main"), outputs, metrics, values, config.scorerId())
                .install(streams);
        driver = new TopologyTestDriver(
                ScoringTopology.build(config, models, registry, metrics, null, outputs, values),
                streams,
                Instant.EPOCH);
        events = new AvroSerializer<>(registry, true, false);
        return this;
    }

    /** Starts the driver with the scorer's own Avro encoder. */
    TopologyHarness start(String scorerKeys, DeploymentSpec deployment, OutputTopics outputs) {
        return start(scorerKeys, deployment, outputs, new AvroSerializer<>(registry, true, false));
    }

    /** Starts the driver with output topics that take records up to 1 MiB and the scorer's own Avro encoder. */
    TopologyHarness start(String scorerKeys, DeploymentSpec deployment) {
        return start(scorerKeys, deployment, OutputTopics.fixed(1_048_576, Set.of()));
    }

    /** Starts the driver serving version 1 of {@code m}. */
    TopologyHarness start(String scorerKeys) {
        return start(scorerKeys, DeploymentSpec.stable("m", 1));
    }

    private Properties properties(String scorerKeys) {
        Properties p = new Properties();
        p.setProperty("application.id", "topology-test");
        p.setProperty("bootstrap.servers", "unused:9092");
        p.setProperty("schema.registry.url", registry.config().urls().get(0).toString());
        p.setProperty("state.dir", dir.resolve("state").toString());
        p.setProperty("scorer.model.repository", repository.root().toString());
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", input);
        p.setProperty("scorer.route.main.model", "m");
        p.setProperty("scorer.route.main.output", output);
        p.setProperty("scorer.route.main.dead-letter", deadLetters);
        p.setProperty("scorer.route.main.shadow", shadows);
        p.setProperty("scorer.id", "topology-test");
        for (String line : scorerKeys.split("\n")) {
            if (line.contains("=")) {
                p.setProperty(
                        line.substring(0, line.indexOf('=')).trim(),
                        line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return p;
    }

    TestInputTopic<byte[], byte[]> in() {
        return driver.createInputTopic(input, new ByteArraySerializer(), new ByteArraySerializer());
    }

    TestOutputTopic<byte[], Prediction> predictions() {
        return driver.createOutputTopic(
                output, new ByteArrayDeserializer(), AvroDeserializer.specific(registry, Prediction.class));
    }

    TestOutputTopic<byte[], Prediction> shadowPredictions() {
        return driver.createOutputTopic(
                shadows, new ByteArrayDeserializer(), AvroDeserializer.specific(registry, Prediction.class));
    }

    TestOutputTopic<byte[], DeadLetter> deadLetters() {
        return driver.createOutputTopic(
                deadLetters, new ByteArrayDeserializer(), AvroDeserializer.specific(registry, DeadLetter.class));
    }

    TopologyTestDriver driver() {
        return driver;
    }

    /** The repository the harness's models are published in (versions 1 and 2 of {@code m}). */
    LocalModelRepository repository() {
        return repository;
    }

    /** An event's encoded value (seeded features). */
    byte[] event(long seed) {
        Random random = new Random(seed);
        GenericRecord e = new GenericData.Record(EVENT);
        e.put("id", "e" + seed);
        for (int f = 0; f < FEATURES; f++) {
            e.put("f" + f, random.nextGaussian());
        }
        return events.serialize(input, e);
    }

    /** {@code record} encoded for the input topic under its own schema. */
    byte[] encode(GenericRecord record) {
        return events.serialize(input, record);
    }

    static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static Schema event() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Event")
                .namespace("test.topology")
                .fields()
                .requiredString("id");
        for (int f = 0; f < FEATURES; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        return fields.endRecord();
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        models.close();
    }
}
