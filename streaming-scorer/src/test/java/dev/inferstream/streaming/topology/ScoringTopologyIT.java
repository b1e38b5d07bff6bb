/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import static dev.inferstream.streaming.topology.TopologyHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.topics.OutputTopics;
import dev.inferstream.testkit.onnx.MixedFields;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scoring topology under {@code TopologyTestDriver} (no broker; the real registry of the shared stack, which
 * the Avro envelopes need): batching, the wall-clock flush, and every per-record failure routed to the dead-letter
 * topic while the records around it are scored.
 */
@Timeout(60)
class ScoringTopologyIT extends WithTopologyHarness {
    @Test
    void aFullBatchIsScoredAtOnceInArrivalOrder() {
        harness.start("scorer.batch.max.records=4\nscorer.batch.max.wait.ms=60000");
        TestInputTopic<byte[], byte[]> in = harness.in();
        for (int i = 0; i < 3; i++) {
            in.pipeInput(key("k" + i), harness.event(i));
        }
        assertThat(harness.predictions().isEmpty()).as("three of four wait").isTrue();

        in.pipeInput(key("k3"), harness.event(3));

        assertThat(harness.predictions().readValuesToList())
                .extracting(p -> p.getSource().getOffset())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(harness.metrics.scrape())
                .as("one call of four records")
                .contains("inferstream_batch_size_bucket{route=\"main\",le=\"3.0\"} 0")
                .contains("inferstream_batch_size_bucket{route=\"main\",le=\"4.0\"} 1");
    }

    @Test
    void aLoneRecordIsFlushedByTheWallClockWithinTheMaxWait() {
        harness.start("scorer.batch.max.records=64\nscorer.batch.max.wait.ms=20");
        harness.in().pipeInput(key("k"), harness.event(1));
        assertThat(harness.predictions().isEmpty()).isTrue();

        harness.driver().advanceWallClockTime(Duration.ofMillis(20));

        assertThat(harness.predictions().readValuesToList()).hasSize(1);
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheirStageWhileTheRestIsScored() {
        harness.start("scorer.batch.max.records=8\nscorer.batch.max.wait.ms=5");
        TestInputTopic<byte[], byte[]> in = harness.in();
        in.pipeInput(key("a"), harness.event(1));
        in.pipeInput(key("garbage"), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        in.pipeInput(key("tombstone"), (byte[]) null);
        in.pipeInput(key("b"), harness.event(2));
        harness.driver().advanceWallClockTime(Duration.ofMillis(5));

        assertThat(harness.predictions().readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("a", "b");
        List<DeadLetter> letters = harness.deadLetters().readValuesToList();
        assertThat(letters).extracting(DeadLetter::getStage).containsOnly(Stage.DECODE);
        assertThat(letters).extracting(DeadLetter::getReason).containsExactly("BAD_MAGIC_BYTE", "NULL_PAYLOAD");
        assertThat(letters.get(0).getSource().getOffset()).isEqualTo(1L);
    }

    @Test
    void anUnknownCategoryAndAnArrayOfTheWrongLengthAreDeadLetteredAsFeatureMappingWhileTheRestIsScored()
            throws Exception {
        harness.repository()
                .publish(
                        new ModelRef("m", 3),
                        MixedFields.manifest("m", 3).getBytes(StandardCharsets.UTF_8),
                        TestModels.mlp(TopologyHarness.FEATURES, 8, 4, 2, 3));
        harness.start("scorer.batch.max.records=8\nscorer.batch.max.wait.ms=5", DeploymentSpec.stable("m", 3));
        TestInputTopic<byte[], byte[]> in = harness.in();
        in.pipeInput(key("a"), harness.encode(MixedFields.event("DE", 0.5, 1.5)));
        in.pipeInput(key("unknown-category"), harness.encode(MixedFields.event("XX", 0.5, 1.5)));
        in.pipeInput(key("short-array"), harness.encode(MixedFields.event("FR", 0.5)));
        in.pipeInput(key("b"), harness.encode(MixedFields.event("FR", -1, 2)));
        harness.driver().advanceWallClockTime(Duration.ofMillis(5));

        assertThat(harness.predictions().readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("a", "b");
        List<DeadLetter> letters = harness.deadLetters().readValuesToList();
        assertThat(letters).extracting(DeadLetter::getStage).containsOnly(Stage.FEATURE_MAPPING);
        assertThat(letters).extracting(DeadLetter::getReason).containsExactly("UNKNOWN_CATEGORY", "WRONG_LENGTH");
        assertThat(letters).extracting(d -> d.getSource().getOffset()).containsExactly(1L, 2L);
    }

    @Test
    void aPredictionLargerThanTheProducerAcceptsIsDeadLetteredAndThePartitionFlows_issue12() {
        harness.start("scorer.batch.max.records=1", DeploymentSpec.stable("m", 1), OutputTopics.fixed(4_000, Set.of()));
        TestInputTopic<byte[], byte[]> in = harness.in();
        in.pipeInput(key("before"), harness.event(1));
        Headers big = new RecordHeaders().add("blob", new byte[3_800]);
        in.pipeInput(new TestRecord<>(key("huge"), harness.event(2), big));
        in.pipeInput(key("after"), harness.event(3));

        assertThat(harness.predictions().readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("before", "after");
        DeadLetter letter = harness.deadLetters().readValue();
        assertThat(letter.getStage()).isEqualTo(Stage.EMIT);
        assertThat(letter.getReason()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(letter.getSource().getOffset()).isEqualTo(1L);
        assertThat(letter.getModel()).isEqualTo("m");
        assertThat(letter.getVersion()).isEqualTo(1);
        assertThat(letter.getErrorMessage())
                .as("the dead letter would not fit either: written without the original value")
                .contains("without the original value");
        assertThat(harness.metrics.scrape())
                .contains(
                        "inferstream_records_dead_lettered_total{reason=\"RECORD_TOO_LARGE\",route=\"main\",stage=\"EMIT\"} 1.0");
    }

    @Test
    void anExceptionInTheEnvelopePathDeadLettersThatRecordOnly_issue12() {
        AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(harness.registry, true, false);
        Serializer<SpecificRecord> failingForOneKey = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, SpecificRecord data) {
                return avro.serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, SpecificRecord data) {
                if (data instanceof Prediction p && "poison".equals(p.getKey())) {
                    throw new IllegalStateException("injected failure while encoding the prediction");
                }
                return avro.serialize(topic, data);
            }
        };
        harness.start(
                "scorer.batch.max.records=4\nscorer.batch.max.wait.ms=5",
                DeploymentSpec.stable("m", 1),
                OutputTopics.fixed(1_048_576, Set.of()),
                failingForOneKey);
        TestInputTopic<byte[], byte[]> in = harness.in();
        for (String k : List.of("a", "poison", "b", "c", "d")) {
            in.pipeInput(key(k), harness.event(k.hashCode()));
        }
        harness.driver().advanceWallClockTime(Duration.ofMillis(5));

        assertThat(harness.predictions().readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("a", "b", "c", "d");
        DeadLetter letter = harness.deadLetters().readValue();
        assertThat(letter.getStage()).isEqualTo(Stage.SERIALIZE);
        assertThat(letter.getReason()).isEqualTo("UNEXPECTED");
        assertThat(letter.getErrorMessage()).contains("injected failure");
        assertThat(new String(letter.getKey().array(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(letter.getValue()).isNotNull();
    }

    @Test
    void shadowPredictionsForAMissingShadowTopicAreDroppedAndCountedWhileTheRouteFlows_issue12() {
        harness.start(
                "scorer.batch.max.records=1",
                new DeploymentSpec("m", RolloutPolicy.stable(1), List.of(2), List.of(), 1),
                OutputTopics.fixed(1_048_576, Set.of(harness.shadows)));
        TestInputTopic<byte[], byte[]> in = harness.in();
        for (int i = 0; i < 5; i++) {
            in.pipeInput(key("k" + i), harness.event(i));
        }

        assertThat(harness.predictions().readValuesToList()).hasSize(5);
        assertThat(harness.shadowPredictions().isEmpty()).isTrue();
        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(harness.metrics.scrape())
                .contains("inferstream_shadow_dropped_total{reason=\"TOPIC_MISSING\",route=\"main\"} 5.0")
                .contains("inferstream_shadow_comparisons_total");
    }

    @Test
    void shadowPredictionsGoToTheShadowTopicWithTheProductionPredictionId() {
        harness.start(
                "scorer.batch.max.records=1",
                new DeploymentSpec("m", RolloutPolicy.stable(1), List.of(2), List.of(), 1));
        harness.in().pipeInput(key("k"), harness.event(1));

        Prediction production = harness.predictions().readValue();
        Prediction shadow = harness.shadowPredictions().readValue();
        assertThat(shadow.getVersion()).isEqualTo(2);
        assertThat(shadow.getArm()).isEqualTo("shadow:2");
        assertThat(shadow.getPredictionId()).isEqualTo(production.getPredictionId());
    }

    @Test
    void aVersionDeployedLaterReadsTheFieldsThePreviousDeploymentLeftOut() throws Exception {
        startOnFourOfTheEightFields();
        harness.in().pipeInput(key("a"), harness.event(1));
        harness.models.deploy(DeploymentSpec.stable("m", 1)).join();
        harness.in().pipeInput(key("b"), harness.event(2));

        assertThat(harness.deadLetters().readValuesToList()).isEmpty();
        List<Prediction> predictions = harness.predictions().readValuesToList();
        assertThat(predictions).extracting(Prediction::getVersion).containsExactly(3, 1);
        assertThat(predictions).allSatisfy(p -> assertThat(p.getScore()).isBetween(0.0, 1.0));
    }

    @Test
    void bytesOfFieldsNoVersionReadsAreStillAccountedFor() throws Exception {
        startOnFourOfTheEightFields();
        byte[] event = harness.event(1);
        harness.in().pipeInput(key("trailing"), Arrays.copyOf(event, event.length + 1));
        harness.in().pipeInput(key("truncated"), Arrays.copyOf(event, 7)); // inside the id, which no version reads
        harness.in().pipeInput(key("whole"), event);

        assertThat(harness.predictions().readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("whole");
        List<DeadLetter> letters = harness.deadLetters().readValuesToList();
        assertThat(letters).extracting(DeadLetter::getStage).containsOnly(Stage.DECODE);
        assertThat(letters).extracting(DeadLetter::getReason).containsExactly("MALFORMED_AVRO", "MALFORMED_AVRO");
    }

    /** Version 3 reads f0..f3 only (versions 1 and 2 read f0..f7): records are decoded onto those four. */
    private void startOnFourOfTheEightFields() throws Exception {
        harness.repository()
                .publish(
                        new ModelRef("m", 3),
                        TestModels.manifest("m", 3, 4, TestModels.BINARY_OUTPUTS)
                                .getBytes(StandardCharsets.UTF_8),
                        TestModels.mlp(4, 8, 4, 2, 3));
        harness.start("scorer.batch.max.records=1", DeploymentSpec.stable("m", 3));
    }
}
