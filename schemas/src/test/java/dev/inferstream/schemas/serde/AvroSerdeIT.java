/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class AvroSerdeIT {
    private static final Schema ORDER_V1 = SchemaBuilder.record("Order")
            .namespace("test.evolution")
            .fields()
            .requiredString("id")
            .requiredDouble("amount")
            .endRecord();
    private static final Schema ORDER_V2 = SchemaBuilder.record("Order")
            .namespace("test.evolution")
            .fields()
            .requiredString("id")
            .requiredDouble("amount")
            .name("currency")
            .type()
            .stringType()
            .stringDefault("EUR")
            .endRecord();
    private static final Schema ORDER_NEEDS_CUSTOMER = SchemaBuilder.record("Order")
            .namespace("test.evolution")
            .fields()
            .requiredString("id")
            .requiredString("customer")
            .endRecord();

    private TestStack stack;
    private SchemaRegistryClient registry;

    @BeforeEach
    void setUp(TestStack stack) {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
    }

    @Test
    void shouldRoundTripGenericRecordsThroughKafka() {
        String topic = stack.newTopic("orders", 1);
        List<GenericRecord> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(order(ORDER_V1, "o-" + i, i * 1.5));
        }
        produce(topic, sent);

        List<ConsumerRecord<String, GenericRecord>> received =
                consume(topic, sent.size(), AvroDeserializer.generic(registry));
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldRoundTripSpecificRecordsConfiguredFromKafkaProperties() {
        String topic = stack.newTopic("predictions", 1);
        Prediction prediction = samplePrediction();
        Properties producerProps = stack.producerProperties();
        try (KafkaProducer<String, Prediction> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), serializerFromConfig(producerProps))) {
            producer.send(new ProducerRecord<>(topic, "k", prediction));
        }
        List<ConsumerRecord<String, Prediction>> received =
                consume(topic, 1, AvroDeserializer.specific(registry, Prediction.class));
        assertThat(received.get(0).value()).isEqualTo(prediction);
        assertThat(registry.subjects()).contains(topic + "-value");
    }

    @Test
    void framesPayloadAsMagicByteSchemaIdAndAvroBinary() {
        String topic = "framing-" + UUID.randomUUID();
        Schema schema = SchemaBuilder.record("Point")
                .namespace("test.framing")
                .fields()
                .requiredInt("x")
                .requiredString("s")
                .endRecord();
        GenericRecord point = new GenericData.Record(schema);
        point.put("x", -2);
        point.put("s", "hi");

        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false).serialize(topic, point);

        int id = registry.latest(topic + "-value").id();
        // zig-zag(-2) = 3; string = zig-zag length 2 (=4) then UTF-8 "hi"
        assertThat(bytes)
                .containsExactly(0, id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff, 0x03, 0x04, 'h', 'i');
    }

    @Test
    void readerWithNewerSchemaFillsDefaultsForOldRecords() {
        String topic = "evolution-" + UUID.randomUUID();
        byte[] v1 = new AvroSerializer<GenericRecord>(registry, true, false).serialize(topic, order(ORDER_V1, "a", 1));

        GenericRecord read =
                AvroReader.<GenericRecord>generic(registry, ORDER_V2).read(v1);

        assertThat(read.get("currency")).hasToString("EUR");
        assertThat(read.get("amount")).isEqualTo(1.0);
    }

    @Test
    void readerWithOlderSchemaDropsFieldsItDoesNotKnow() {
        String topic = "evolution-" + UUID.randomUUID();
        GenericRecord v2 = order(ORDER_V2, "b", 2);
        v2.put("currency", "USD");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false).serialize(topic, v2);

        GenericRecord read =
                AvroReader.<GenericRecord>generic(registry, ORDER_V1).read(bytes);

        assertThat(read.getSchema()).isEqualTo(ORDER_V1);
        assertThat(read.get("id")).hasToString("b");
    }

    @Test
    void recordMissingAFieldTheReaderNeedsIsASchemaMismatch() {
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false)
                .serialize("mismatch-" + UUID.randomUUID(), order(ORDER_V1, "c", 3));

        assertThatThrownBy(
                        () -> AvroReader.generic(registry, ORDER_NEEDS_CUSTOMER).read(bytes))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.SCHEMA_MISMATCH))
                .hasMessageContaining("customer");
    }

    @Test
    void unknownSchemaIdIsTyped() {
        byte[] bytes = {0, 0x7f, 0x00, 0x00, 0x01, 0x02};
        assertThatThrownBy(() -> AvroReader.generic(registry).read(bytes))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("schema id " + 0x7f000001);
    }

    @Test
    void garbageAfterValidHeaderIsMalformed() {
        byte[] good = new AvroSerializer<GenericRecord>(registry, true, false)
                .serialize("garbage-" + UUID.randomUUID(), order(ORDER_V1, "d", 4));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
        AvroReader<GenericRecord> reader = AvroReader.generic(registry);

        for (byte[] bad : List.of(truncated, trailing)) {
            assertThatThrownBy(() -> reader.read(bad))
                    .isInstanceOfSatisfying(
                            AvroSerdeException.class,
                            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.MALFORMED_AVRO));
        }
    }

    @Test
    void plainTextPayloadHasBadMagicByte() {
        byte[] json = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AvroDeserializer.generic(registry).deserialize("t", json))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.BAD_MAGIC_BYTE));
    }

    @Test
    void lookupOnlySerializerRefusesUnregisteredSchema() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, false, false);
        assertThatThrownBy(() -> serializer.serialize("unregistered-" + UUID.randomUUID(), order(ORDER_V1, "e", 5)))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.REGISTRATION_REFUSED));
    }

    @Test
    void incompatibleSchemaIsRefusedWithTheRegistrysReason() {
        String topic = "orders-" + UUID.randomUUID();
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, true, false);
        serializer.serialize(topic, order(ORDER_V1, "o-1", 1));
        registry.setCompatibility(topic + "-value", "BACKWARD");
        GenericRecord breaking = new GenericData.Record(ORDER_NEEDS_CUSTOMER);
        breaking.put("id", "o-2");
        breaking.put("customer", "c-9");

        assertThatThrownBy(() -> serializer.serialize(topic, breaking))
                .isInstanceOfSatisfying(AvroSerdeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.REGISTRATION_REFUSED);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("not compatible with the versions of subject " + topic + "-value")
                .hasMessageContaining("customer");
    }

    @Test
    void serializesPrimitiveKeys() {
        String topic = "keys-" + UUID.randomUUID();
        byte[] key = new AvroSerializer<String>(registry, true, true).serialize(topic, "card-42");
        assertThat(AvroDeserializer.<Object>generic(registry).deserialize(topic, key))
                .hasToString("card-42");
        assertThat(registry.subjects()).contains(topic + "-key");
    }

    private Prediction samplePrediction() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Prediction.newBuilder()
                .setPredictionId("p-1")
                .setKey("k")
                .setModel("fraud")
                .setVersion(3)
                .setSha256("ab12")
                .setArm("stable")
                .setScore(0.93)
                .setLabel("fraud")
                .setProbabilities(List.of(new ClassProbability("legit", 0.07), new ClassProbability("fraud", 0.93)))
                .setSource(new SourceRecord("kafka", "transactions", 2, 41L))
                .setInputSchemaId(7)
                .setEventTime(now)
                .setScoredAt(now)
                .setLatencyMicros(120)
                .setScorer("test")
                .build();
    }

    private static GenericRecord order(Schema schema, String id, double amount) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("amount", amount);
        return record;
    }

    private AvroSerializer<Prediction> serializerFromConfig(Properties props) {
        AvroSerializer<Prediction> serializer = new AvroSerializer<>();
        Map<String, Object> configs = new java.util.HashMap<>();
        props.forEach((k, v) -> configs.put(k.toString(), v));
        serializer.configure(configs, false);
        return serializer;
    }

    private void produce(String topic, List<GenericRecord> records) {
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(
                stack.producerProperties(), new StringSerializer(), new AvroSerializer<>(registry, true, false))) {
            for (GenericRecord record : records) {
                producer.send(new ProducerRecord<>(topic, record.get("id").toString(), record));
            }
        }
    }

    private <T> List<ConsumerRecord<String, T>> consume(
            String topic, int count, org.apache.kafka.common.serialization.Deserializer<T> deserializer) {
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer =
                new KafkaConsumer<>(stack.consumerProperties(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            await("records consumed from " + topic)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                        return out.size() >= count;
                    });
        }
        assertThat(out).as("records consumed from " + topic).hasSize(count);
        return out;
    }
}
