/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.AlertKind;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.http.HttpText;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the scorer tells about itself: metrics after known traffic, drift alerts, audit records. */
@Timeout(240)
class MonitoringIT extends WithScorerFixture {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$");

    private String alerts;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        alerts = stack.newTopic("alerts", 1);
    }

    @Test
    void metricsCountKnownTrafficByRouteModelVersionArmAndStage() throws Exception {
        try (StreamingScorer scorer = start("scorer.drift.window.records=100")) {
            fx.produce(ScorerFixture.events(300, 1));
            try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(
                            fx.input, ScorerFixture.key(i), "not avro".getBytes(StandardCharsets.UTF_8)));
                }
            }
            assertThat(fx.predictions(fx.output, 300, Duration.ofSeconds(60))).hasSize(300);
            awaitMetric(scorer, "inferstream_records_dead_lettered_total", 5);

            Map<String, Double> m = scrape(scorer);
            assertThat(sum(m, "inferstream_records_received_total", "route=\"main\""))
                    .isEqualTo(305);
            assertThat(sum(m, "inferstream_records_scored_total", "arm=\"stable\"", "version=\"1\""))
                    .isEqualTo(300);
            assertThat(sum(m, "inferstream_records_dead_lettered_total", "stage=\"DECODE\""))
                    .isEqualTo(5);
            assertThat(sum(m, "inferstream_prediction_score_count", "version=\"1\""))
                    .isEqualTo(300);
            assertThat(sum(m, "inferstream_predictions_by_label_total", "model=\"fraud\""))
                    .isEqualTo(300);
            assertThat(sum(m, "inferstream_end_to_end_latency_seconds_count", "model=\"fraud\""))
                    .isEqualTo(300);
            assertThat(sum(m, "inferstream_batch_size_sum", "route=\"main\"")).isEqualTo(305);
            assertThat(sum(m, "inferstream_model_loads_total", "outcome=\"loaded\""))
                    .isEqualTo(1);
            assertThat(sum(m, "inferstream_model_version_serving", "version=\"1\""))
                    .isEqualTo(1);
            assertThat(m.keySet())
                    .anyMatch(k -> k.startsWith("inferstream_drift_psi{") && k.contains("feature=\"f0\""));
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("kafka_consumer_fetch_manager_records_lag"));
        }
    }

    @Test
    void driftAlertsFireOnAShiftedDistributionAndNotOnAStableOne() throws Exception {
        try (StreamingScorer scorer = start("scorer.drift.window.records=400\nscorer.alerts.topic=" + alerts)) {
            fx.produce(ScorerFixture.events(1_600, 2));
            fx.predictions(fx.output, 1_600, Duration.ofSeconds(60));
            assertThat(fx.consume(alerts, 0, Duration.ofSeconds(2), alertReader()))
                    .isEmpty();
            Map<String, Double> stable = scrape(scorer);
            assertThat(stable.entrySet())
                    .filteredOn(e -> e.getKey().startsWith("inferstream_drift_psi{"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue()).isLessThan(0.2));

            List<GenericRecord> shifted = ScorerFixture.events(800, 3);
            shifted.forEach(e -> {
                e.put("f0", (Double) e.get("f0") + 3);
                e.put("f1", (Double) e.get("f1") * 4);
            });
            fx.produce(shifted);
            List<ConsumerRecord<byte[], Alert>> raised = fx.consume(alerts, 2, Duration.ofSeconds(60), alertReader());
            assertThat(raised)
                    .extracting(r -> r.value().getSubject())
                    .contains("f0", "f1")
                    .doesNotContain("f2", "f3");
            assertThat(raised).allSatisfy(r -> {
                assertThat(r.value().getKind()).isEqualTo(AlertKind.DRIFT);
                assertThat(r.value().getValue()).isGreaterThan(0.2);
                assertThat(r.value().getModel()).isEqualTo("fraud");
                assertThat(r.value().getVersion()).isEqualTo(1);
            });
        }
    }

    @Test
    void everyPredictionHasAnAuditRecordWithItsInputAndFeatures() throws Exception {
        String audit = fx.stack.newTopic("audit", 2);
        try (StreamingScorer scorer = start("scorer.audit.topic=" + audit)) {
            List<GenericRecord> events = ScorerFixture.events(50, 4);
            fx.produce(events);
            List<ConsumerRecord<byte[], Prediction>> predictions =
                    fx.predictions(fx.output, 50, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], Audit>> audits =
                    fx.consume(audit, 50, Duration.ofSeconds(30), AvroDeserializer.specific(fx.registry, Audit.class));
            assertThat(audits).hasSize(50);
            Map<String, Audit> byId = new HashMap<>();
            audits.forEach(r -> byId.put(r.value().getPredictionId(), r.value()));
            for (ConsumerRecord<byte[], Prediction> r : predictions) {
                Prediction p = r.value();
                Audit a = byId.get(p.getPredictionId());
                assertThat(a.getScore()).isEqualTo(p.getScore());
                assertThat(a.getSha256()).isEqualTo(p.getSha256());
                assertThat(a.getSource()).isEqualTo(p.getSource());
                assertThat(a.getFeatures()).hasSize(ScorerFixture.FEATURES);
                assertThat(a.getInput()).isNotNull();
                assertThat(a.getInputSchemaId()).isEqualTo(p.getInputSchemaId());
                GenericRecord input = events.stream()
                        .filter(e -> e.get("f0").equals(a.getFeatures().get(0).getNumber()))
                        .findFirst()
                        .orElseThrow();
                for (int f = 0; f < ScorerFixture.FEATURES; f++) {
                    assertThat(a.getFeatures().get(f).getName()).isEqualTo("f" + f);
                    assertThat(a.getFeatures().get(f).getNumber()).isEqualTo(input.get("f" + f));
                }
            }
        }
    }

    private StreamingScorer start(String extra) throws Exception {
        StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud", "scorer.route.main.version=1\nscorer.control.topic=deployments-" + fx.input + "\n" + extra)));
        scorer.awaitRunning(Duration.ofSeconds(60));
        return scorer;
    }

    private AvroDeserializer<Alert> alertReader() {
        return AvroDeserializer.specific(fx.registry, Alert.class);
    }

    private static void awaitMetric(StreamingScorer scorer, String name, double value) {
        Awaitility.await(name + " reaching " + value)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sum(scrape(scorer), name) >= value);
    }

    private static double sum(Map<String, Double> samples, String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            if (!key.equals(name) && !key.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                total += e.getValue();
            }
        }
        return total;
    }

    static Map<String, Double> scrape(StreamingScorer scorer) throws Exception {
        String text = HttpText.get("http://127.0.0.1:" + scorer.adminPort() + "/metrics");
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
