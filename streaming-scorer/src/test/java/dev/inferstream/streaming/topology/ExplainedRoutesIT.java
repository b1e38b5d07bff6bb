/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import static dev.inferstream.streaming.topology.TopologyHarness.FEATURES;
import static dev.inferstream.streaming.topology.TopologyHarness.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Routes with {@code scorer.route.<r>.explain}: predictions and audit records carry the top-k attributions. */
@Timeout(60)
class ExplainedRoutesIT extends WithTopologyHarness {
    @BeforeEach
    void publishAnExplainedVersion() throws Exception {
        StringBuilder baseline = new StringBuilder("explain:\n  background: baseline\nbaseline:\n");
        for (int f = 0; f < FEATURES; f++) {
            baseline.append("  f").append(f).append(": {mean: 0}\n");
        }
        harness.repository()
                .publish(
                        new ModelRef("m", 3),
                        (TestModels.manifest("m", 3, FEATURES, TestModels.BINARY_OUTPUTS) + baseline)
                                .getBytes(StandardCharsets.UTF_8),
                        TestModels.logisticRegression(FEATURES, 5).onnx(),
                        Map.of());
    }

    @Test
    void predictionsAndAuditRecordsCarryTheTopAttributionsAndTheRestAddsUp() {
        String audit = harness.input + "-audit";
        harness.start(
                "scorer.route.main.explain=top-3\nscorer.batch.max.records=1\nscorer.audit.topic=" + audit,
                DeploymentSpec.stable("m", 3));

        harness.in().pipeInput(key("k1"), harness.event(1));

        Prediction p = harness.predictions().readValue();
        Explanation e = p.getExplanation();
        assertThat(e).isNotNull();
        assertThat(e.getMethod()).isEqualTo("LINEAR");
        assertThat(e.getSpace()).isEqualTo("LOG_ODDS");
        assertThat(e.getAttributions()).hasSize(3);
        double sum = e.getBaseValue() + e.getOtherFields();
        for (Attribution a : e.getAttributions()) {
            sum += a.getValue();
        }
        assertThat(sum).isCloseTo(e.getValue(), within(1e-9));
        assertThat(1 / (1 + Math.exp(-e.getValue()))).isCloseTo(p.getScore(), within(1e-5));
        Audit record = harness.driver()
                .createOutputTopic(
                        audit, new ByteArrayDeserializer(), AvroDeserializer.specific(harness.registry, Audit.class))
                .readValue();
        assertThat(record.getExplanation()).isEqualTo(e);
        assertThat(harness.metrics.scrape())
                .contains("inferstream_explanations_total{outcome=\"explained\",route=\"main\"} 1.0");
    }

    @Test
    void aVersionWithoutAnExplainSectionStillPredictsAndIsCountedAsUnexplained() {
        harness.start("scorer.route.main.explain=top-2\nscorer.batch.max.records=1");

        harness.in().pipeInput(key("k1"), harness.event(1));

        List<Prediction> predictions = harness.predictions().readValuesToList();
        assertThat(predictions).hasSize(1);
        assertThat(predictions.get(0).getExplanation()).isNull();
        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(harness.metrics.scrape())
                .contains("inferstream_explanations_total{outcome=\"unexplained\",route=\"main\"} 1.0");
    }

    @Test
    void routesThatDoNotAskWriteNoExplanation() {
        harness.start("scorer.batch.max.records=1", DeploymentSpec.stable("m", 3));

        harness.in().pipeInput(key("k1"), harness.event(1));

        assertThat(harness.predictions().readValue().getExplanation()).isNull();
    }
}
