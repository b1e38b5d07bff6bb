/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.Router;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.ModelOutput;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.config.ScorerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every rollout pattern, driven by scorerctl, through a live streaming scorer on the real broker and registry. */
@Timeout(300)
class RolloutsIT extends WithScorerFixture {
    private String control;
    private StreamingScorer scorer;

    @BeforeEach
    void startScorerWithThreeVersions() throws Exception {
        fx.publish("fraud", 2);
        fx.publish("fraud", 3);
        control = "deployments-" + fx.input;
        ctl("deploy", "fraud", "1");
        scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.route.main.version=1\n"
                        + "scorer.control.topic=" + control + "\nscorer.status.topic=" + control + ".status\n"
                        + "scorer.status.interval.ms=300")));
        scorer.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        if (scorer != null) {
            scorer.close();
        }
    }

    @Test
    void canaryIsPromotedAndRolledBackLiveWhileTrafficFlowsWithoutAFailedRecord() throws Exception {
        ctl("canary", "fraud", "2", "--percent", "30");
        awaitRevision(2);
        List<GenericRecord> first = ScorerFixture.events(600, 31);
        fx.produce(first);
        List<ConsumerRecord<byte[], Prediction>> canary = fx.predictions(fx.output, 600, Duration.ofSeconds(60));
        assertThat(canary).extracting(r -> r.value().getArm()).containsOnly("stable", "canary");
        assertThat(canary)
                .allSatisfy(r -> assertThat(r.value().getVersion())
                        .isEqualTo(r.value().getArm().equals("canary") ? 2 : 1));

        AtomicBoolean flowing = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread traffic = new Thread(() -> {
            for (int i = 0; flowing.get(); i++) {
                fx.produce(ScorerFixture.events(100, 40 + i));
                sent.addAndGet(100);
                sleep(150);
            }
        });
        traffic.start();
        try (KafkaConsumer<byte[], Prediction> live =
                new KafkaConsumer<>(fx.stack.consumerProperties(), new ByteArrayDeserializer(), predictions())) {
            live.subscribe(List.of(fx.output));
            ctl("promote", "fraud");
            awaitRevision(3);
            // the promotion serves live traffic before it is rolled back
            await("records scored by v2 as stable")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> java.util.stream.StreamSupport.stream(
                                    live.poll(Duration.ofMillis(200)).spliterator(), false)
                            .anyMatch(r -> r.value().getVersion() == 2
                                    && r.value().getArm().equals("stable")));
            ctl("rollback", "fraud");
            awaitRevision(4);
        } finally {
            flowing.set(false);
            traffic.join();
        }
        java.util.Map<Integer, Long> beforeLast = fx.inputEnds();
        fx.produce(ScorerFixture.events(100, 50));

        int total = 600 + sent.get() + 100;
        List<ConsumerRecord<byte[], Prediction>> all = fx.predictions(fx.output, total, Duration.ofSeconds(90));
        assertThat(all).hasSize(total);
        // partitions interleave when read back: pick the last round by input offsets, not by position
        List<ConsumerRecord<byte[], Prediction>> last = all.stream()
                .filter(r -> ScorerFixture.after(beforeLast, r.value()))
                .toList();
        assertThat(last).hasSize(100).allSatisfy(r -> {
            assertThat(r.value().getVersion()).isEqualTo(1);
            assertThat(r.value().getArm()).isEqualTo("stable");
        });
        assertThat(all)
                .extracting(r -> r.value().getVersion() + ":" + r.value().getArm())
                .contains("2:stable");
        assertThat(fx.consume(fx.deadLetter, 0, Duration.ofSeconds(1), deadLetters()))
                .isEmpty();
        assertThat(ctlJson("status", "fraud")).contains("\"stable\" : 1");
    }

    @Test
    void canarySplitsTenThousandKeysWithinBoundsStickyPerKeyAndPinsBeatTheSplit() throws Exception {
        ctl("pin", "fraud", "3");
        ctl("canary", "fraud", "2", "--percent", "20");
        ctl("key-field", "fraud", "id");
        awaitRevision(4);
        int keys = 10_000;
        List<GenericRecord> events = ScorerFixture.events(keys + 2_000, 61);
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(fx.registry, true, false);
            for (int i = 0; i < events.size(); i++) {
                byte[] key = ("customer-" + (i % keys)).getBytes(StandardCharsets.UTF_8);
                RecordHeaders headers = new RecordHeaders();
                if (i >= keys + 1_000) {
                    headers.add(Router.VERSION_HEADER, "3".getBytes(StandardCharsets.UTF_8));
                }
                producer.send(
                        new ProducerRecord<>(fx.input, null, key, values.serialize(fx.input, events.get(i)), headers));
            }
            GenericRecord keyless = ScorerFixture.events(1, 62).get(0);
            for (int i = 0; i < 200; i++) {
                String session = "session-" + (i % 100);
                keyless.put("id", session);
                RecordHeaders headers = new RecordHeaders();
                headers.add("test.session", session.getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(
                        fx.input, null, (byte[]) null, values.serialize(fx.input, keyless), headers));
            }
        }
        List<ConsumerRecord<byte[], Prediction>> out =
                fx.predictions(fx.output, events.size() + 200, Duration.ofSeconds(120));
        assertThat(out).hasSize(events.size() + 200);

        Map<String, String> armByKey = new HashMap<>();
        Map<String, java.util.Set<String>> armsBySession = new HashMap<>();
        for (ConsumerRecord<byte[], Prediction> r : out) {
            Prediction p = r.value();
            if (p.getArm().equals("pinned")) {
                assertThat(p.getVersion()).isEqualTo(3);
            } else if (p.getKey() != null) {
                String before = armByKey.putIfAbsent(p.getKey(), p.getArm());
                assertThat(before == null || before.equals(p.getArm()))
                        .as("arm of " + p.getKey() + " stays")
                        .isTrue();
            } else {
                String session =
                        new String(r.headers().lastHeader("test.session").value(), StandardCharsets.UTF_8);
                armsBySession
                        .computeIfAbsent(session, k -> new java.util.HashSet<>())
                        .add(p.getArm());
            }
        }
        assertThat(armByKey).hasSize(keys);
        long canary =
                armByKey.values().stream().filter(arm -> arm.equals("canary")).count();
        // 20 % of 10,000 keys has a standard deviation of 40 keys: 5 of them is a bound a correct split never misses
        assertThat(canary).isBetween(2_000L - 200, 2_000L + 200);
        assertThat(out.stream().filter(r -> r.value().getArm().equals("pinned")).count())
                .isEqualTo(1_000);
        assertThat(armsBySession)
                .hasSize(100)
                .allSatisfy((session, arms) -> assertThat(arms).hasSize(1));
        assertThat(armsBySession.values())
                .extracting(arms -> arms.iterator().next())
                .contains("stable", "canary");
    }

    @Test
    void shadowPredictionsReachOnlyTheShadowTopicAndTheirAgreementIsReported() throws Exception {
        ctl("shadow", "fraud", "2");
        awaitRevision(2);
        fx.produce(ScorerFixture.events(500, 71));

        List<ConsumerRecord<byte[], Prediction>> main = fx.predictions(fx.output, 500, Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], Prediction>> shadow = fx.predictions(fx.shadow, 500, Duration.ofSeconds(60));
        assertThat(main).hasSize(500).allSatisfy(r -> {
            assertThat(r.value().getVersion()).isEqualTo(1);
            assertThat(r.value().getArm()).isEqualTo("stable");
        });
        assertThat(shadow).hasSize(500).allSatisfy(r -> {
            assertThat(r.value().getVersion()).isEqualTo(2);
            assertThat(r.value().getArm()).isEqualTo("shadow:2");
        });
        assertThat(shadow)
                .extracting(r -> r.value().getPredictionId())
                .containsExactlyInAnyOrderElementsOf(
                        main.stream().map(r -> r.value().getPredictionId()).toList());
        long agreed = 0;
        Map<String, Prediction> byId = new HashMap<>();
        main.forEach(r -> byId.put(r.value().getPredictionId(), r.value()));
        for (ConsumerRecord<byte[], Prediction> s : shadow) {
            agreed += byId.get(s.value().getPredictionId())
                            .getLabel()
                            .equals(s.value().getLabel())
                    ? 1
                    : 0;
        }

        ControlPlane plane = new ControlPlane(
                fx.stack.producerProperties(),
                fx.registry,
                ControlTopics.forDeployments(control).withStatus(control + ".status"));
        long expectedAgreed = agreed;
        await("500 shadow comparisons reported")
                .atMost(Duration.ofSeconds(60))
                .until(() -> plane.status("fraud").stream()
                                .mapToLong(s -> s.getShadows().isEmpty()
                                        ? 0
                                        : s.getShadows().get(0).getCompared())
                                .sum()
                        == 500);
        ScorerStatus status = plane.status("fraud").get(0);
        assertThat(status.getShadows()).singleElement().satisfies(a -> {
            assertThat(a.getProduction()).isEqualTo(1);
            assertThat(a.getShadow()).isEqualTo(2);
            assertThat(a.getAgreed()).isEqualTo(expectedAgreed);
        });
        assertThat(status.getScorerVersion()).isEqualTo(ProjectVersion.get());
        assertThat(ctl("status", "fraud"))
                .contains("shadow v2 vs v1: 500 compared")
                .contains("(inferstream " + ProjectVersion.get() + ")");
        assertThat(scorer.metrics().scrape()).contains("inferstream_shadow_comparisons_total");
    }

    @Test
    void ensembleAndCascadeScoreLiveAndRecordTheirMembers() throws Exception {
        ctl("ensemble", "fraud", "--member", "1", "--member", "2");
        awaitRevision(2);
        fx.produce(ScorerFixture.events(200, 81));
        List<ConsumerRecord<byte[], Prediction>> ensemble = fx.predictions(fx.output, 200, Duration.ofSeconds(60));
        assertThat(ensemble).hasSize(200).allSatisfy(r -> {
            Prediction p = r.value();
            assertThat(p.getArm()).isEqualTo("ensemble");
            assertThat(p.getMembers()).extracting(ModelOutput::getVersion).containsExactly(1, 2);
            assertThat(p.getScore())
                    .isCloseTo(
                            (p.getMembers().get(0).getScore()
                                            + p.getMembers().get(1).getScore())
                                    / 2,
                            within(1e-12));
        });

        List<GenericRecord> events = ScorerFixture.events(200, 82);
        double threshold = medianConfidence(events);
        ctl("cascade", "fraud", "--first", "1", "--second", "2", "--threshold", Double.toString(threshold));
        awaitRevision(3);
        fx.produce(events);
        List<ConsumerRecord<byte[], Prediction>> all = fx.predictions(fx.output, 400, Duration.ofSeconds(60));
        // partitions interleave when read back: tell the two rounds apart by arm, not by position
        List<ConsumerRecord<byte[], Prediction>> cascade =
                all.stream().filter(r -> !r.value().getArm().equals("ensemble")).toList();
        assertThat(cascade).hasSize(200);
        assertThat(cascade).extracting(r -> r.value().getArm()).contains("cascade:1", "cascade:2");
        assertThat(cascade).allSatisfy(r -> {
            Prediction p = r.value();
            int stage = p.getArm().equals("cascade:1") ? 1 : 2;
            assertThat(p.getVersion()).isEqualTo(stage);
            assertThat(p.getMembers()).hasSize(stage);
            assertThat(p.getScore()).isEqualTo(p.getMembers().get(stage - 1).getScore());
            assertThat(p.getMembers().get(0).getRole()).isEqualTo("cascade:1");
        });
    }

    /** The median first-stage confidence over {@code events}, so that a cascade splits them about in half. */
    private double medianConfidence(List<GenericRecord> events) throws Exception {
        try (ModelService alone = new ModelService(fx.repository, InferenceOptions.defaults())) {
            alone.deploy(dev.inferstream.model.routing.DeploymentSpec.stable("fraud", 1))
                    .join();
            var model = alone.loaded(new ModelRef("fraud", 1)).orElseThrow();
            double[] confidences = events.stream()
                    .mapToDouble(e -> CascadePolicy.Confidence.MAX_PROBABILITY.of(
                            ((Outcome.Scored) model.score(new AvroFieldSource(e)))
                                    .result()
                                    .probabilities()))
                    .sorted()
                    .toArray();
            return confidences[confidences.length / 2];
        }
    }

    private String ctl(String... args) {
        return new Ctl(fx, control, "--status-topic", control + ".status").run(args);
    }

    private String ctlJson(String... args) {
        String[] json = new String[args.length + 1];
        json[0] = "--json";
        System.arraycopy(args, 0, json, 1, args.length);
        return ctl(json);
    }

    private void awaitRevision(long revision) {
        await("revision " + revision + " applied")
                .atMost(Duration.ofSeconds(60))
                .until(() -> scorer.models().deployment("fraud").orElseThrow().revision() == revision);
    }

    private AvroDeserializer<Prediction> predictions() {
        return AvroDeserializer.specific(fx.registry, Prediction.class);
    }

    private AvroDeserializer<DeadLetter> deadLetters() {
        return AvroDeserializer.specific(fx.registry, DeadLetter.class);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
