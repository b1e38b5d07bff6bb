/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.console.catalog.Catalog;
import dev.inferstream.console.state.ArmPoint;
import dev.inferstream.console.state.ConsoleState;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Computes the home page's rows from the console's state and the catalog; no topic is read. */
public final class Overviews {
    private final ConsoleState state;
    private final Catalog catalog;
    private final ToDoubleFunction<String> lagSeconds;
    private final Clock clock;

    /** @param lagSeconds a model's lag in seconds from the scorers' metrics, NaN when unknown */
    public Overviews(ConsoleState state, Catalog catalog, ToDoubleFunction<String> lagSeconds, Clock clock) {
        this.state = state;
        this.catalog = catalog;
        this.lagSeconds = lagSeconds;
        this.clock = clock;
    }

    /** Every model in the repository or on the deployments topic, by name. */
    public List<ModelOverview> all() {
        TreeSet<String> names = new TreeSet<>(catalog.models().keySet());
        names.addAll(state.deployments().keySet());
        List<ModelOverview> rows = new ArrayList<>();
        for (String model : names) {
            rows.add(of(model));
        }
        return rows;
    }

    public ModelOverview of(String model) {
        Deployment current = state.deployment(model).orElse(null);
        List<Integer> published = catalog.versions(model);
        List<ScorerStatus> statuses = state.statuses(model);
        double lag = lagSeconds.applyAsDouble(model);
        return new ModelOverview(
                model,
                Roles.model(current, published),
                current,
                Roles.versions(published, current, state.history(model)),
                TrafficSplit.of(current),
                eventsPerSecond(statuses, state.series(model)),
                errorRate(statuses),
                deadLettersPerMinute(model),
                p99Millis(statuses),
                state.openDrift(model).stream()
                        .map(Alert::getValue)
                        .max(Double::compare)
                        .orElse(null),
                quality(current, state.quality(model)),
                Double.isNaN(lag) ? null : lag,
                statuses.size());
    }

    private static Double eventsPerSecond(List<ScorerStatus> statuses, List<ArmPoint> series) {
        if (statuses.isEmpty()) {
            return null;
        }
        double sum = 0;
        boolean any = false;
        for (ScorerStatus s : statuses) {
            for (ArmPoint p : series) {
                if (p.scorer().equals(s.getScorer()) && p.at().equals(s.getUpdatedAt())) {
                    sum += p.eventsPerSecond();
                    any = true;
                }
            }
        }
        return any ? sum : 0.0;
    }

    private static Double errorRate(List<ScorerStatus> statuses) {
        long scored = 0;
        long failed = 0;
        for (ScorerStatus s : statuses) {
            for (ArmStats a : s.getArms()) {
                scored += a.getScored();
                failed += a.getFailed();
            }
        }
        return scored + failed == 0 ? null : failed / (double) (scored + failed);
    }

    private Double deadLettersPerMinute(String model) {
        Instant since = clock.instant().minusSeconds(60);
        long count = state.deadLetters().stream()
                .filter(l -> model.equals(l.letter().getModel())
                        && l.letter().getFailedAt().isAfter(since))
                .count();
        return (double) count;
    }

    private static Double p99Millis(List<ScorerStatus> statuses) {
        return statuses.stream()
                .flatMap(s -> s.getArms().stream())
                .map(a -> a.getLatencyP99Micros() / 1000.0)
                .max(Double::compare)
                .orElse(null);
    }

    private static String quality(Deployment current, List<QualityStats> stats) {
        if (current == null) {
            return null;
        }
        List<QualityStats> stable = stats.stream()
                .filter(q -> q.getVersion() == current.getStable())
                .toList();
        if (stable.isEmpty()) {
            return null;
        }
        Quality.Summary summary = Quality.summarize(stable);
        for (Map.Entry<String, Double> figure : summary.figures().entrySet()) {
            if (figure.getValue() != null) {
                return String.format(Locale.ROOT, "%s %.3f", figure.getKey(), figure.getValue());
            }
        }
        return Objects.toString(summary.joined()) + " judged";
    }
}
