/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.console.state.ArmPoint;
import dev.inferstream.console.state.ConsoleState;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.ShadowAgreement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The rollout panel's figures per arm, the canary's gates and the chart series, from the console's state. */
public final class RolloutView {
    /** A chart line: its label and (seconds before now, value) points. */
    public record Series(String label, List<double[]> points) {}

    private RolloutView() {}

    public static List<ArmRow> arms(ConsoleState state, String model) {
        Deployment current = state.deployment(model).orElse(null);
        List<ScorerStatus> statuses = state.statuses(model);
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> p99 = new TreeMap<>();
        for (ScorerStatus s : statuses) {
            if (current != null && s.getDeploymentRevision() != current.getRevision()) {
                continue;
            }
            for (ArmStats a : s.getArms()) {
                String key = a.getVersion() + "|" + a.getArm();
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                c[0] += a.getScored();
                c[1] += a.getFailed();
                p99.merge(key, a.getLatencyP99Micros() / 1000.0, Math::max);
            }
        }
        Map<String, Double> rates = latestRates(statuses, state.series(model));
        Map<Integer, Double> shares = new LinkedHashMap<>();
        TrafficSplit.of(current).forEach(s -> shares.merge(s.version(), s.percent(), Double::sum));
        List<ArmRow> rows = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(counts.keySet());
        if (current != null) {
            Roles.live(current).forEach((v, stage) -> {
                if (keys.stream().noneMatch(k -> k.startsWith(v + "|"))) {
                    keys.add(v + "|"
                            + (stage == Stage.SHADOW
                                    ? "shadow:" + v
                                    : stage.name().toLowerCase(Locale.ROOT)));
                }
            });
        }
        for (String key : keys) {
            int version = Integer.parseInt(key.substring(0, key.indexOf('|')));
            String arm = key.substring(key.indexOf('|') + 1);
            long[] c = counts.getOrDefault(key, new long[2]);
            rows.add(new ArmRow(
                    version,
                    arm,
                    arm.startsWith("shadow") ? Double.valueOf(0) : shares.get(version),
                    rates.get(key),
                    c[0] + c[1] == 0 ? null : c[1] / (double) (c[0] + c[1]),
                    p99.get(key),
                    arm.startsWith("shadow") ? agreement(statuses, version) : null,
                    quality(state.quality(model), version, arm),
                    state.openDrift(model).stream()
                            .filter(a -> a.getVersion() == version)
                            .map(Alert::getValue)
                            .max(Double::compare)
                            .orElse(null),
                    c[0]));
        }
        return rows;
    }

    /** Events per second of each arm over time (summed over scorers per report time), newest {@code window}. */
    public static List<Series> eventsPerSecond(List<ArmPoint> points, Instant now, Duration window) {
        return series(points, now, window, ArmPoint::eventsPerSecond, true);
    }

    public static List<Series> p99(List<ArmPoint> points, Instant now, Duration window) {
        return series(points, now, window, p -> p.p99Micros() / 1000.0, false);
    }

    /** The first quality figure of each arm over time. */
    public static List<Series> quality(List<ConsoleState.QualityPoint> points, Instant now, Duration window) {
        Map<String, List<double[]>> lines = new TreeMap<>();
        for (ConsoleState.QualityPoint p : points) {
            double ago = Duration.between(p.at(), now).toMillis() / 1000.0;
            if (ago > window.toSeconds()) {
                continue;
            }
            p.summary().figures().entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .findFirst()
                    .ifPresent(e -> lines.computeIfAbsent(
                                    "v" + p.version() + " " + p.arm() + " " + e.getKey(), k -> new ArrayList<>())
                            .add(new double[] {-ago, e.getValue()}));
        }
        List<Series> out = new ArrayList<>();
        lines.forEach((k, v) -> out.add(new Series(k, v)));
        return out;
    }

    private static List<Series> series(
            List<ArmPoint> points, Instant now, Duration window, ToDoubleFunction<ArmPoint> value, boolean sum) {
        Map<String, TreeMap<Long, Double>> lines = new TreeMap<>();
        for (ArmPoint p : points) {
            long ago = Duration.between(p.at(), now).toSeconds();
            if (ago > window.toSeconds()) {
                continue;
            }
            double v = value.applyAsDouble(p);
            if (Double.isNaN(v)) {
                continue;
            }
            lines.computeIfAbsent("v" + p.version() + " " + p.arm(), k -> new TreeMap<>())
                    .merge(p.at().getEpochSecond(), v, sum ? Double::sum : Math::max);
        }
        List<Series> out = new ArrayList<>();
        lines.forEach((label, byTime) -> {
            List<double[]> pts = new ArrayList<>();
            byTime.forEach((t, v) -> pts.add(new double[] {t - now.getEpochSecond(), v}));
            out.add(new Series(label, pts));
        });
        return out;
    }

    private static Map<String, Double> latestRates(List<ScorerStatus> statuses, List<ArmPoint> series) {
        Map<String, Double> rates = new TreeMap<>();
        for (ScorerStatus s : statuses) {
            for (ArmPoint p : series) {
                if (p.scorer().equals(s.getScorer()) && p.at().equals(s.getUpdatedAt())) {
                    rates.merge(p.version() + "|" + p.arm(), p.eventsPerSecond(), Double::sum);
                }
            }
        }
        return rates;
    }

    private static Double agreement(List<ScorerStatus> statuses, int shadow) {
        long compared = 0;
        long agreed = 0;
        for (ScorerStatus s : statuses) {
            for (ShadowAgreement a : s.getShadows()) {
                if (a.getShadow() == shadow) {
                    compared += a.getCompared();
                    agreed += a.getAgreed();
                }
            }
        }
        return compared == 0 ? null : agreed / (double) compared;
    }

    private static String quality(List<QualityStats> stats, int version, String arm) {
        List<QualityStats> mine = stats.stream()
                .filter(q -> q.getVersion() == version && q.getArm().equals(arm))
                .toList();
        if (mine.isEmpty()) {
            return null;
        }
        Quality.Summary s = Quality.summarize(mine);
        for (var e : s.figures().entrySet()) {
            if (e.getValue() != null) {
                return String.format(Locale.ROOT, "%s %.3f (%d judged)", e.getKey(), e.getValue(), s.joined());
            }
        }
        return s.joined() + " judged";
    }

    /** Four significant digits without trailing zeros: 0.01, 1.5, 0.1235. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", v))
                .stripTrailingZeros()
                .toPlainString();
    }
}
