/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ProjectVersion;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScorerMetricsTest {

    @Test
    void buildInfoNamesTheProjectAndJavaVersions() {
        String scrape = new ScorerMetrics().scrape();

        assertThat(scrape)
                .containsPattern("inferstream_build_info\\{[^}]*version=\""
                        + ProjectVersion.get().replace(".", "\\.") + "\"[^}]*} 1");
        assertThat(scrape).contains("java=\"" + Runtime.version() + "\"");
    }

    @Test
    void everyRecordingShowsInTheScrapeWithItsLabels() {
        ScorerMetrics metrics = new ScorerMetrics();
        metrics.received("r");
        metrics.scored("r", prediction(3, "stable", 0.9, "fraud"), 2_000_000, 5);
        metrics.shadowScored("r", "fraud", 4);
        metrics.shadowDropped("r", "TOPIC_MISSING");
        metrics.shadowCompared(prediction(3, "stable", 0.9, "fraud"), prediction(4, "shadow:4", 0.4, "legit"));
        metrics.modelLoad("fraud", 3, "loaded", 1_000_000);
        metrics.deployed("fraud", 7, Set.of(3, 4));
        metrics.deployed("fraud", 8, Set.of(4));
        metrics.drift("fraud", 3, "amount", 0.25);
        metrics.explained("r", false);
        metrics.feedback("r", "joined");
        metrics.deadLettered("r", "FEATURES", "MISSING_FIELD");
        metrics.batch("r", 16, 3_000_000);

        assertThat(metrics.scrape())
                .contains("inferstream_records_received_total{route=\"r\"} 1.0")
                .containsPattern("inferstream_records_scored_total\\{[^}]*arm=\"stable\"[^}]*version=\"3\"[^}]*} 1.0")
                .contains("inferstream_predictions_by_label_total{label=\"fraud\",model=\"fraud\",version=\"3\"} 1.0")
                .contains("inferstream_records_shadow_scored_total{model=\"fraud\",route=\"r\",version=\"4\"} 1.0")
                .contains("inferstream_shadow_dropped_total{reason=\"TOPIC_MISSING\",route=\"r\"} 1.0")
                .contains("inferstream_shadow_comparisons_total{agree=\"false\",model=\"fraud\",shadow_version=\"4\","
                        + "version=\"3\"} 1.0")
                .contains("inferstream_shadow_score_delta_count{model=\"fraud\",shadow_version=\"4\",version=\"3\"} 1")
                .contains("inferstream_model_loads_total{model=\"fraud\",outcome=\"loaded\",version=\"3\"} 1.0")
                .contains("inferstream_deployment_revision{model=\"fraud\"} 8.0")
                .contains("inferstream_model_version_serving{model=\"fraud\",version=\"3\"} 0.0")
                .contains("inferstream_model_version_serving{model=\"fraud\",version=\"4\"} 1.0")
                .contains("inferstream_drift_psi{feature=\"amount\",model=\"fraud\",version=\"3\"} 0.25")
                .contains("inferstream_explanations_total{outcome=\"unexplained\",route=\"r\"} 1.0")
                .contains("inferstream_feedback_total{outcome=\"joined\",route=\"r\"} 1.0")
                .contains(
                        "inferstream_records_dead_lettered_total{reason=\"MISSING_FIELD\",route=\"r\",stage=\"FEATURES\"} 1.0")
                .contains("inferstream_batch_size_count{route=\"r\"} 1");
        assertThat(metrics.agreement().summaries()).hasSize(1);
        assertThat(metrics.arms().stats("fraud")).isNotEmpty();
    }

    @Test
    void recordingABatchReportsWhatRecordingEachPredictionReports() {
        ScorerMetrics each = new ScorerMetrics();
        ScorerMetrics batched = new ScorerMetrics();
        ScoredBatch batch = new ScoredBatch();
        Random random = new Random(3);
        int v3 = 0;
        for (int i = 0; i < 500; i++) {
            boolean stable = random.nextInt(10) < 8;
            v3 += stable ? 1 : 0;
            String label = random.nextInt(20) == 0 ? null : random.nextInt(10) == 0 ? "fraud" : "legit";
            Prediction p = prediction(stable ? 3 : 4, stable ? "stable" : "canary", random.nextDouble(), label);
            long latencyNanos = random.nextInt(50_000_000);
            long endToEndMillis = random.nextInt(2_000) - 5;
            each.scored("r", p, latencyNanos, endToEndMillis);
            batch.add(p, latencyNanos, endToEndMillis);
            if (random.nextInt(70) == 0 || i == 499) {
                batched.scored("r", batch);
                assertThat(batch.size()).isZero();
            }
        }

        assertThat(lines(batched.scrape())).isEqualTo(lines(each.scrape()));
        assertThat(batched.arms().stats("fraud"))
                .containsExactlyInAnyOrderElementsOf(each.arms().stats("fraud"));
        // one latency sample per prediction, not per batch
        assertThat(batched.scrape())
                .containsPattern("inferstream_records_scored_total\\{[^}]*version=\"3\"[^}]*} " + v3 + "\\.0")
                .containsPattern(
                        "inferstream_scoring_latency_seconds_count\\{[^}]*arm=\"stable\"[^}]*version=\"3\"[^}]*} " + v3
                                + "\n")
                .contains("inferstream_end_to_end_latency_seconds_count{model=\"fraud\"} 500\n");
    }

    private static List<String> lines(String scrape) {
        return scrape.lines().sorted().toList();
    }

    private static Prediction prediction(int version, String arm, double score, String label) {
        Prediction p = new Prediction();
        p.setModel("fraud");
        p.setVersion(version);
        p.setArm(arm);
        p.setScore(score);
        p.setLabel(label);
        return p;
    }
}
