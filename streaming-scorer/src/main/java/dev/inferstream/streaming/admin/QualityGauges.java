/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.QualityStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Prediction quality per model version and arm, summarised over the statistics every task holds. */
final class QualityGauges {
    private final MeterRegistry registry;
    private final Map<String, Map<String, QualityStats>> byArm = new ConcurrentHashMap<>();

    QualityGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void update(String task, QualityStats stats) {
        String labels = stats.getModel() + "|" + stats.getVersion() + "|" + stats.getArm();
        byArm.computeIfAbsent(labels, k -> register(stats)).put(task, stats);
    }

    private Map<String, QualityStats> register(QualityStats stats) {
        Map<String, QualityStats> byTask = new ConcurrentHashMap<>();
        Tags tags = Tags.of(
                "model", stats.getModel(), "version", Integer.toString(stats.getVersion()), "arm", stats.getArm());
        gauge(
                "accuracy",
                "Share of predicted labels that matched the outcome",
                tags,
                byTask,
                Quality.Summary::accuracy);
        gauge("log_loss", "Mean log-loss of the observed class", tags, byTask, Quality.Summary::logLoss);
        gauge("precision", "Precision of the positive class", tags, byTask, Quality.Summary::precision);
        gauge("recall", "Recall of the positive class", tags, byTask, Quality.Summary::recall);
        gauge(
                "calibration_error",
                "Expected calibration error (score deciles)",
                tags,
                byTask,
                Quality.Summary::calibrationError);
        gauge("mae", "Mean absolute error of values", tags, byTask, Quality.Summary::mae);
        gauge("rmse", "Root mean squared error of values", tags, byTask, Quality.Summary::rmse);
        gauge("mean_reward", "Mean observed reward", tags, byTask, Quality.Summary::meanReward);
        gauge("joined", "Predictions joined with feedback", tags, byTask, s -> (double) s.joined());
        return byTask;
    }

    private void gauge(
            String figureName,
            String description,
            Tags tags,
            Map<String, QualityStats> byTask,
            Function<Quality.Summary, Double> figure) {
        Gauge.builder("inferstream_quality_" + figureName, byTask, m -> {
                    Double value = figure.apply(Quality.summarize(m.values()));
                    return value == null ? Double.NaN : value;
                })
                .description(description)
                .tags(tags)
                .register(registry);
    }
}
