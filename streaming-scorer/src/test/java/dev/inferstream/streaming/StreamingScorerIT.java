/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.http.HttpText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class StreamingScorerIT extends WithScorerFixture {
    @Test
    void scoresEveryEventExactlyLikeTheModelLibraryWithLineageHeaders() throws Exception {
        List<GenericRecord> events = ScorerFixture.events(500, 1);
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config("fraud", "")))) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
                AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
                for (int i = 0; i < events.size(); i++) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                            fx.input, ScorerFixture.key(i), values.serialize(fx.input, events.get(i)));
                    record.headers().add("trace-id", ("t-" + i).getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
            }
            List<ConsumerRecord<byte[], Prediction>> predictions =
                    fx.predictions(fx.output, 500, Duration.ofSeconds(60));
            assertThat(predictions).hasSize(500);

            LoadedModel reference =
                    LoadedModel.load(fx.repository.fetch(new ModelRef("fraud", 1)), InferenceOptions.defaults());
            Map<String, GenericRecord> byId =
                    events.stream().collect(Collectors.toMap(e -> e.get("id").toString(), e -> e));
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<byte[], Prediction> record : predictions) {
                Prediction p = record.value();
                ids.add(p.getPredictionId());
                int index = (int) p.getSource().getOffset();
                assertThat(p.getModel()).isEqualTo("fraud");
                assertThat(p.getVersion()).isEqualTo(1);
                assertThat(p.getArm()).isEqualTo("stable");
                assertThat(p.getSha256()).isEqualTo(reference.sha256());
                assertThat(p.getSource().getName()).isEqualTo(fx.input);
                assertThat(p.getInputSchemaId()).isNotNull();
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(p.getKey());
                Map<String, String> headers = headers(record);
                assertThat(headers)
                        .containsEntry("ml.model", "fraud")
                        .containsEntry("ml.model.version", "1")
                        .containsEntry("ml.arm", "stable")
                        .containsEntry("ml.prediction.id", p.getPredictionId())
                        .containsEntry("ml.model.sha256", reference.sha256())
                        .containsEntry("ml.schema.id", p.getInputSchemaId().toString())
                        .containsKey("ml.latency.us")
                        .containsKey("trace-id");
                assertThat(index).isGreaterThanOrEqualTo(0);
            }
            assertThat(ids).hasSize(500);
            // bit-identical to scoring the same event with the model library directly
            List<GenericRecord> decoded = new ArrayList<>();
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], GenericRecord>(
                    fx.stack.consumerProperties(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    AvroDeserializer.<GenericRecord>generic(fx.registry))) {
                consumer.subscribe(List.of(fx.input));
                Awaitility.await("the 500 input records")
                        .atMost(Duration.ofSeconds(30))
                        .pollInSameThread()
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> decoded.add(r.value()));
                            return decoded.size() >= 500;
                        });
            }
            Map<String, Double> expected = new HashMap<>();
            for (GenericRecord event : decoded) {
                Outcome outcome = reference.score(new AvroFieldSource(event));
                expected.put(
                        event.get("id").toString(),
                        ((Outcome.Scored) outcome).result().score());
            }
            Map<String, Double> actual = new HashMap<>();
            for (ConsumerRecord<byte[], Prediction> record : predictions) {
                String traceId = headers(record).get("trace-id");
                actual.put("e-1-" + traceId.substring(2), record.value().getScore());
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(byId).hasSize(500);
            reference.retire();
        }
    }

    @Test
    void deadLettersEveryBadRecordWithItsStageWhileGoodRecordsFlow() throws Exception {
        Schema missingField = ScorerFixture.event(ScorerFixture.FEATURES, 3);
        GenericRecord lacksF3 = new GenericData.Record(missingField);
        lacksF3.put("id", "no-f3");
        for (int f = 0; f < ScorerFixture.FEATURES; f++) {
            if (f != 3) {
                lacksF3.put("f" + f, 0.5);
            }
        }
        GenericRecord nan = ScorerFixture.events(1, 9).get(0);
        nan.put("f7", Double.NaN);
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config("fraud", "")));
                KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            List<GenericRecord> good = ScorerFixture.events(40, 2);
            int sent = 0;
            for (GenericRecord event : good.subList(0, 20)) {
                producer.send(
                        new ProducerRecord<>(fx.input, ScorerFixture.key(sent++), values.serialize(fx.input, event)));
            }
            producer.send(new ProducerRecord<>(
                    fx.input,
                    "garbage".getBytes(StandardCharsets.UTF_8),
                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(
                    fx.input, "unknown-id".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4
                    }));
            producer.send(new ProducerRecord<>(
                    fx.input,
                    "no-f3".getBytes(StandardCharsets.UTF_8),
                    values.serialize(fx.input + "-other", lacksF3)));
            producer.send(new ProducerRecord<>(
                    fx.input, "nan".getBytes(StandardCharsets.UTF_8), values.serialize(fx.input, nan)));
            producer.send(new ProducerRecord<>(fx.input, "tombstone".getBytes(StandardCharsets.UTF_8), null));
            ProducerRecord<byte[], byte[]> pinned = new ProducerRecord<>(
                    fx.input, "pinned".getBytes(StandardCharsets.UTF_8), values.serialize(fx.input, good.get(20)));
            pinned.headers().add("ml.model.version", "7".getBytes(StandardCharsets.UTF_8));
            producer.send(pinned);
            for (GenericRecord event : good.subList(21, 40)) {
                producer.send(
                        new ProducerRecord<>(fx.input, ScorerFixture.key(sent++), values.serialize(fx.input, event)));
            }
            producer.flush();

            List<ConsumerRecord<byte[], DeadLetter>> letters = fx.consume(
                    fx.deadLetter, 6, Duration.ofSeconds(60), AvroDeserializer.specific(fx.registry, DeadLetter.class));
            assertThat(fx.predictions(fx.output, 39, Duration.ofSeconds(60))).hasSize(39);

            assertThat(letters).hasSize(6);
            Map<String, DeadLetter> byKey = letters.stream()
                    .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), ConsumerRecord::value));
            assertThat(byKey.get("garbage")).satisfies(d -> {
                assertThat(d.getStage()).isEqualTo(Stage.DECODE);
                assertThat(d.getReason()).isEqualTo("BAD_MAGIC_BYTE");
                assertThat(d.getValue().array()).isEqualTo("{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(d.getSource().getName()).isEqualTo(fx.input);
            });
            assertThat(byKey.get("unknown-id").getReason()).isEqualTo("UNKNOWN_SCHEMA_ID");
            assertThat(byKey.get("no-f3")).satisfies(d -> {
                assertThat(d.getStage()).isEqualTo(Stage.FEATURE_MAPPING);
                assertThat(d.getReason()).isEqualTo("MISSING_FIELD");
                assertThat(d.getErrorMessage()).contains("f3");
                assertThat(d.getModel()).isEqualTo("fraud");
            });
            assertThat(byKey.get("nan").getReason()).isEqualTo("NON_FINITE");
            assertThat(byKey.get("tombstone").getReason()).isEqualTo("NULL_PAYLOAD");
            assertThat(byKey.get("pinned")).satisfies(d -> {
                assertThat(d.getStage()).isEqualTo(Stage.ROUTING);
                assertThat(d.getReason()).isEqualTo("VERSION_NOT_SERVED");
                assertThat(d.getHeaders())
                        .anySatisfy(h -> assertThat(h.getKey()).isEqualTo("ml.model.version"));
            });
            assertThat(scrape(scorer)).contains("inferstream_records_dead_lettered_total{reason=\"NON_FINITE\"");
        }
    }

    @Test
    void versionHeaderPinsTheVersionThatScoresARecord() throws Exception {
        fx.publish("fraud", 2);
        try (StreamingScorer scorer =
                        StreamingScorer.start(ScorerConfig.from(fx.config("fraud", "scorer.route.main.version=2")));
                KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            scorer.models()
                    .deploy(new DeploymentSpec("fraud", RolloutPolicy.stable(2), List.of(), List.of(1), 1))
                    .join();
            scorer.awaitRunning(Duration.ofSeconds(60));
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            List<GenericRecord> events = ScorerFixture.events(10, 3);
            for (int i = 0; i < events.size(); i++) {
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(fx.input, ScorerFixture.key(i), values.serialize(fx.input, events.get(i)));
                if (i % 2 == 0) {
                    record.headers().add("ml.model.version", "1".getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record);
            }
            producer.flush();
            List<ConsumerRecord<byte[], Prediction>> predictions =
                    fx.predictions(fx.output, 10, Duration.ofSeconds(60));
            assertThat(predictions).hasSize(10).allSatisfy(r -> {
                boolean pinned = headers(r).get("ml.arm").equals("pinned");
                assertThat(r.value().getVersion()).isEqualTo(pinned ? 1 : 2);
                assertThat(headers(r).get("ml.model.version")).isEqualTo(pinned ? "1" : "2");
            });
            assertThat(predictions)
                    .filteredOn(r -> r.value().getArm().equals("pinned"))
                    .hasSize(5);
        }
    }

    @Test
    void swapsToANewlyPublishedVersionUnderLoadWithoutAFailedRecord() throws Exception {
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(
                fx.config("fraud", "scorer.model.poll.interval.ms=200\nscorer.batch.max.records=16")))) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            List<GenericRecord> events = ScorerFixture.events(3000, 4);
            Thread producerThread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
                    AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
                    for (int i = 0; i < events.size(); i++) {
                        producer.send(new ProducerRecord<>(
                                fx.input, ScorerFixture.key(i), values.serialize(fx.input, events.get(i))));
                        if (i % 20 == 0) {
                            producer.flush();
                            Thread.sleep(10);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producerThread.start();
            fx.predictions(fx.output, 200, Duration.ofSeconds(60));
            fx.publish("fraud", 2);
            producerThread.join();
            List<ConsumerRecord<byte[], Prediction>> predictions =
                    fx.predictions(fx.output, 3000, Duration.ofSeconds(90));
            assertThat(predictions).hasSize(3000);
            Set<Integer> versions =
                    predictions.stream().map(r -> r.value().getVersion()).collect(Collectors.toSet());
            assertThat(versions).containsExactlyInAnyOrder(1, 2);
            assertThat(scorer.models().deployment("fraud").orElseThrow().versions())
                    .containsExactly(2);
        }
        assertThat(fx.consume(
                        fx.deadLetter,
                        0,
                        Duration.ofMillis(500),
                        AvroDeserializer.specific(fx.registry, DeadLetter.class)))
                .isEmpty();
    }

    @Test
    void exposesHealthAndMetricsOnTheAdminPort() throws Exception {
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config("fraud", "")))) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            fx.produce(ScorerFixture.events(30, 5));
            fx.predictions(fx.output, 30, Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scorer.adminPort() + "/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            String metrics = scrape(scorer);
            assertThat(metrics)
                    .contains(
                            "inferstream_records_scored_total{arm=\"stable\",model=\"fraud\",route=\"main\",version=\"1\"} 30.0");
            assertThat(metrics)
                    .contains("inferstream_scoring_latency_seconds_bucket")
                    .contains("inferstream_batch_size");
        }
    }

    @Test
    void failsFastWithWhatToFix() {
        assertThatThrownBy(() -> StreamingScorer.start(
                        ScorerConfig.from(fx.config("fraud", "scorer.route.main.output=no-such-topic"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics missing: [no-such-topic]");
        assertThatThrownBy(() -> StreamingScorer.start(ScorerConfig.from(fx.config("unknown-model", ""))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model 'unknown-model' has no published version");
        assertThatThrownBy(() ->
                        StreamingScorer.start(ScorerConfig.from(fx.config("fraud", "scorer.route.main.version=5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fraud version 5 is not published");
        assertThatThrownBy(() -> StreamingScorer.start(ScorerConfig.from(
                        fx.config("fraud", "schema.registry.url=http://127.0.0.1:1\nschema.registry.max.retries=0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://127.0.0.1:1");
    }

    static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> map = new HashMap<>();
        for (Header h : record.headers()) {
            map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String scrape(StreamingScorer scorer) {
        return HttpText.get("http://127.0.0.1:" + scorer.adminPort() + "/metrics");
    }
}
