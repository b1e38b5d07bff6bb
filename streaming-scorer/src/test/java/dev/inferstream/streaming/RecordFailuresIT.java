/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ShadowTopic;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One bad record never stalls a partition, against the real broker (whose limits and topics are what fail here),
 * under exactly-once: the record becomes a dead letter, or its shadow prediction is dropped, and every other
 * record of the partition is scored exactly once.
 */
@Timeout(120)
class RecordFailuresIT extends WithScorerFixture {
    @BeforeEach
    void publishVersion2() throws Exception {
        fx.publish("fraud", 2);
    }

    @Test
    void aPredictionLargerThanItsTopicAcceptsIsDeadLetteredAndThePartitionFlows_issue12() throws Exception {
        String small = "predictions-small-" + System.nanoTime();
        fx.stack.createTopic(small, 2, Map.of("max.message.bytes", "4096"));
        try (StreamingScorer scorer = StreamingScorer.start(
                        ScorerConfig.from(fx.config("fraud", "scorer.route.main.output=" + small)));
                KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            List<GenericRecord> events = ScorerFixture.events(21, 31);
            for (int i = 0; i < events.size(); i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        fx.input, 0, ScorerFixture.key(i), values.serialize(fx.input, events.get(i)));
                if (i == 10) {
                    // the prediction carries the input's headers: this one cannot fit in 4 KiB
                    record.headers().add("blob", new byte[5_000]);
                }
                producer.send(record);
            }
            producer.flush();

            List<ConsumerRecord<byte[], Prediction>> predictions = fx.predictions(small, 20, Duration.ofSeconds(60));
            assertThat(predictions).hasSize(20);
            assertThat(predictions)
                    .extracting(r -> r.value().getSource().getOffset())
                    .doesNotContain(10L);
            List<ConsumerRecord<byte[], DeadLetter>> letters = fx.consume(
                    fx.deadLetter, 1, Duration.ofSeconds(30), AvroDeserializer.specific(fx.registry, DeadLetter.class));
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0).value();
            assertThat(letter.getStage()).isEqualTo(Stage.EMIT);
            assertThat(letter.getReason()).isEqualTo("RECORD_TOO_LARGE");
            assertThat(letter.getSource().getOffset()).isEqualTo(10L);
            assertThat(letter.getValue()).as("the original value is kept").isNotNull();
            assertThat(letter.getErrorMessage()).contains("accepts 4096");
        }
    }

    @Test
    void aFiveMegabyteRecordItsTopicAcceptsIsScoredInOrderAlthoughItCannotWaitInTheMicroBatch() throws Exception {
        String large = "events-large-" + System.nanoTime();
        fx.stack.createTopic(large, 1, Map.of("max.message.bytes", "6291456"));
        Properties producerProps = fx.stack.producerProperties();
        producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "6291456");
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(
                        fx.config("fraud", "scorer.route.main.input=" + large + "\nscorer.batch.max.records=8")));
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            List<GenericRecord> events = ScorerFixture.events(9, 41);
            Schema withNote = withNote(events.get(0).getSchema());
            for (int i = 0; i < events.size(); i++) {
                GenericRecord event = events.get(i);
                if (i == 4) {
                    // one key: its predictions share a partition, in order. A field the model does not read makes this
                    // value 5 MB: more than the micro-batch changelog takes
                    GenericRecord noted = new GenericData.Record(withNote);
                    event.getSchema().getFields().forEach(f -> noted.put(f.name(), event.get(f.name())));
                    noted.put("note", "x".repeat(5 * 1024 * 1024));
                    producer.send(new ProducerRecord<>(large, 0, ScorerFixture.key(0), values.serialize(large, noted)));
                } else {
                    producer.send(new ProducerRecord<>(large, 0, ScorerFixture.key(0), values.serialize(large, event)));
                }
            }
            producer.flush();

            List<ConsumerRecord<byte[], Prediction>> predictions = fx.predictions(fx.output, 9, Duration.ofSeconds(60));
            assertThat(predictions)
                    .extracting(r -> r.value().getSource().getOffset())
                    .as("every record scored once, in order")
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        }
    }

    private static Schema withNote(Schema event) {
        List<Schema.Field> fields = new ArrayList<>();
        event.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("note", Schema.create(Schema.Type.STRING), null, (Object) null));
        return Schema.createRecord(event.getName(), null, event.getNamespace(), false, fields);
    }

    @Test
    void aMissingShadowTopicIsCreatedAtStartAndOneDeletedLaterNeverHoldsUpTheRoute_issue12() throws Exception {
        String shadow = fx.output + ".shadow";
        String control = "deployments-" + fx.input;
        Ctl ctl = new Ctl(fx, control, "--status-topic", control + ".status");
        ControlPlane plane = new ControlPlane(
                fx.stack.producerProperties(),
                fx.registry,
                ControlTopics.forDeployments(control).withStatus(control + ".status"));
        ctl.run("deploy", "fraud", "1");
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                        "fraud",
                        "scorer.route.main.version=1\nscorer.route.main.shadow=" + shadow + "\nscorer.control.topic="
                                + control + "\nscorer.status.topic=" + control + ".status\n"
                                + "scorer.status.interval.ms=300")));
                Admin admin = fx.stack.admin()) {
            assertThat(admin.describeTopics(List.of(shadow))
                            .allTopicNames()
                            .get()
                            .get(shadow)
                            .partitions())
                    .as("created with the output topic's partition count")
                    .hasSize(2);
            scorer.awaitRunning(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> reportsShadowTopic(plane, shadow, true));
            assertThat(ctl.run("shadow", "fraud", "2"))
                    .as("scorerctl says where the shadow predictions go")
                    .contains("shadow predictions go to " + shadow + " (test-scorer)");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scorer.models()
                            .deployment("fraud")
                            .map(d -> d.shadows().contains(2))
                            .orElse(false));
            fx.produce(ScorerFixture.events(20, 32));
            fx.predictions(fx.output, 20, Duration.ofSeconds(60));
            assertThat(fx.predictions(shadow, 20, Duration.ofSeconds(30))).hasSize(20);

            admin.deleteTopics(List.of(shadow)).all().get();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> scorer.outputTopics().missingShadows().equals(Set.of(shadow)));
            fx.produce(ScorerFixture.events(20, 33));

            List<ConsumerRecord<byte[], Prediction>> predictions =
                    fx.predictions(fx.output, 40, Duration.ofSeconds(60));
            assertThat(predictions).hasSize(40);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(scorer.metrics().scrape())
                            .contains(
                                    "inferstream_shadow_dropped_total{reason=\"TOPIC_MISSING\",route=\"main\"} 20.0"));
            assertThat(fx.consume(fx.deadLetter, 0, Duration.ofMillis(500), new ByteArrayDeserializer()))
                    .isEmpty();

            await().atMost(Duration.ofSeconds(30)).until(() -> reportsShadowTopic(plane, shadow, false));
            Ctl.Run refused = ctl.attempt("shadow", "fraud", "2");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err())
                    .contains("scorer test-scorer writes the shadow predictions of fraud to " + shadow)
                    .contains("kafka-topics.sh --create --topic " + shadow);
        }
    }

    private static boolean reportsShadowTopic(ControlPlane plane, String topic, boolean exists) {
        return plane.status("fraud").stream()
                .filter(s -> s.getScorer().equals("test-scorer"))
                .anyMatch(s -> s.getShadowTopics().contains(new ShadowTopic(topic, exists)));
    }
}
