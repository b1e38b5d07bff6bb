/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.schemas.Prediction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The meters of one route, model version and arm: predictions written, their latencies, scores and labels. */
final class ArmMeters {
    private static final int MAX_LABELS = 100;

    final String route;
    final String model;
    final int version;
    final String arm;
    final Counter scored;
    final Timer latency;
    final Timer endToEnd;
    final DistributionSummary score;
    private final Map<String, Counter> labels = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    ArmMeters(String route, String model, int version, String arm, MeterRegistry registry) {
        this.route = route;
        this.model = model;
        this.version = version;
        this.arm = arm;
        this.registry = registry;
        String v = Integer.toString(version);
        this.scored = Counter.builder("inferstream_records_scored")
                .description("Records scored and written to the prediction topic")
                .tags("route", route, "model", model, "version", v, "arm", arm)
                .register(registry);
        this.latency = Timer.builder("inferstream_scoring_latency")
                .description("From arrival in the scorer to the prediction")
                .tags("model", model, "version", v, "arm", arm)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.endToEnd = Timer.builder("inferstream_end_to_end_latency")
                .description("From the input record's timestamp to its prediction")
                .tags("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.score = DistributionSummary.builder("inferstream_prediction_score")
                .description("Scores predicted, per model version")
                .tags("model", model, "version", v, "arm", arm)
                .serviceLevelObjectives(0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
                .register(registry);
    }

    /** The counter of {@code label}; past {@link #MAX_LABELS} distinct labels, the {@code _other} counter. */
    Counter label(String label) {
        Counter counter = labels.get(label);
        if (counter == null) {
            String name = labels.size() < MAX_LABELS ? label : "_other";
            counter = labels.computeIfAbsent(
                    name,
                    l -> Counter.builder("inferstream_predictions_by_label")
                            .description("Predictions per predicted label")
                            .tags("model", model, "version", Integer.toString(version), "label", l)
                            .register(registry));
        }
        return counter;
    }

    /** Whether {@code p}, written by {@code route}, is counted by these meters. */
    boolean matches(String route, Prediction p) {
        return version == p.getVersion()
                && this.route.equals(route)
                && model.equals(p.getModel())
                && arm.equals(p.getArm());
    }
}
