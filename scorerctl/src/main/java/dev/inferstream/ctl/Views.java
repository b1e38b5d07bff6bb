/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.ShadowAgreement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How deployments and statuses look: as JSON-ready maps and as text for people. */
final class Views {
    private Views() {}

    static Map<String, Object> deployment(Deployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", d.getModel());
        m.put("revision", d.getRevision());
        m.put("stable", d.getStable());
        m.put("previousStable", d.getPreviousStable());
        if (d.getCanary() != null) {
            Map<String, Object> canary = new LinkedHashMap<>();
            canary.put("version", d.getCanary().getVersion());
            canary.put("percent", d.getCanary().getBasisPoints() / 100.0);
            if (d.getCanary().getGates() != null) {
                var g = d.getCanary().getGates();
                Map<String, Object> gates = new LinkedHashMap<>();
                gates.put("maxErrorRateIncrease", g.getMaxErrorRateIncrease());
                gates.put("maxLatencyRatio", g.getMaxLatencyRatio());
                gates.put("maxAccuracyDrop", g.getMaxAccuracyDrop());
                gates.put("minSamples", g.getMinSamples());
                gates.put("observationMs", g.getObservationMs());
                canary.put("gates", gates);
            }
            m.put("canary", canary);
        }
        if (d.getBandit() != null) {
            List<Map<String, Object>> arms = new ArrayList<>();
            d.getBandit()
                    .getArms()
                    .forEach(a -> arms.add(Map.of(
                            "name", a.getName(), "version", a.getVersion(), "percent", a.getBasisPoints() / 100.0)));
            m.put(
                    "bandit",
                    Map.of(
                            "id",
                            d.getBandit().getId(),
                            "arms",
                            arms,
                            "reward",
                            d.getBandit().getReward().name(),
                            "minPercent",
                            d.getBandit().getMinBasisPoints() / 100.0,
                            "updateIntervalMs",
                            d.getBandit().getUpdateIntervalMs()));
        }
        if (d.getExperiment() != null) {
            List<Map<String, Object>> arms = new ArrayList<>();
            for (Arm a : d.getExperiment().getArms()) {
                arms.add(Map.of("name", a.getName(), "version", a.getVersion(), "percent", a.getWeight()));
            }
            m.put("experiment", Map.of("id", d.getExperiment().getId(), "arms", arms));
        }
        if (d.getEnsemble() != null) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (EnsembleMember e : d.getEnsemble().getMembers()) {
                members.add(Map.of("version", e.getVersion(), "weight", e.getWeight()));
            }
            m.put("ensemble", Map.of("combiner", d.getEnsemble().getCombiner().name(), "members", members));
        }
        if (d.getCascade() != null) {
            m.put(
                    "cascade",
                    Map.of(
                            "first",
                            d.getCascade().getFirst(),
                            "second",
                            d.getCascade().getSecond(),
                            "confidence",
                            d.getCascade().getConfidence().name(),
                            "threshold",
                            d.getCascade().getThreshold()));
        }
        m.put("shadows", d.getShadows());
        m.put("pinnable", d.getPinnable());
        m.put("keyField", d.getKeyField());
        m.put("changedBy", d.getChangedBy());
        m.put("changedAt", d.getChangedAt().toString());
        m.put("reason", d.getReason());
        return m;
    }

    /** One line: the revision and what serves the traffic. */
    static String summary(Deployment d) {
        StringBuilder s = new StringBuilder(d.getModel())
                .append(" revision ")
                .append(d.getRevision())
                .append(": ");
        s.append(traffic(d));
        if (!d.getShadows().isEmpty()) {
            s.append("; shadows ").append(versions(d.getShadows()));
        }
        if (!d.getPinnable().isEmpty()) {
            s.append("; pinnable ").append(versions(d.getPinnable()));
        }
        return s.toString();
    }

    static String traffic(Deployment d) {
        if (d.getCanary() != null) {
            return String.format(
                    Locale.ROOT,
                    "stable v%d, canary v%d on %.2f %% of keys%s",
                    d.getStable(),
                    d.getCanary().getVersion(),
                    d.getCanary().getBasisPoints() / 100.0,
                    d.getCanary().getGates() == null ? "" : " (gated)");
        }
        if (d.getBandit() != null) {
            List<String> arms = new ArrayList<>();
            d.getBandit()
                    .getArms()
                    .forEach(a -> arms.add(String.format(
                            Locale.ROOT, "%s=v%d %.2f %%", a.getName(), a.getVersion(), a.getBasisPoints() / 100.0)));
            return "bandit " + d.getBandit().getId() + " (" + String.join(", ", arms) + ")";
        }
        if (d.getExperiment() != null) {
            List<String> arms = new ArrayList<>();
            d.getExperiment()
                    .getArms()
                    .forEach(a -> arms.add(a.getName() + "=v" + a.getVersion() + " " + a.getWeight() + " %"));
            return "experiment " + d.getExperiment().getId() + " (" + String.join(", ", arms) + ")";
        }
        if (d.getEnsemble() != null) {
            List<String> members = new ArrayList<>();
            d.getEnsemble()
                    .getMembers()
                    .forEach(
                            e -> members.add("v" + e.getVersion() + (e.getWeight() == 1.0 ? "" : "×" + e.getWeight())));
            return "ensemble " + d.getEnsemble().getCombiner().name().toLowerCase(Locale.ROOT) + " of "
                    + String.join(", ", members);
        }
        if (d.getCascade() != null) {
            return String.format(
                    Locale.ROOT,
                    "cascade v%d -> v%d when %s < %.3f",
                    d.getCascade().getFirst(),
                    d.getCascade().getSecond(),
                    d.getCascade().getConfidence().name().toLowerCase(Locale.ROOT),
                    d.getCascade().getThreshold());
        }
        return "stable v" + d.getStable();
    }

    private static String versions(List<Integer> versions) {
        return String.join(", ", versions.stream().map(v -> "v" + v).toList());
    }

    /** Quality from joined feedback, added up over partitions and instances, per version and arm. */
    static List<Map<String, Object>> quality(List<QualityStats> stats) {
        Map<String, List<QualityStats>> byArm = new TreeMap<>();
        stats.forEach(s -> byArm.computeIfAbsent(s.getVersion() + "|" + s.getArm(), k -> new ArrayList<>())
                .add(s));
        List<Map<String, Object>> out = new ArrayList<>();
        byArm.forEach((key, list) -> {
            Quality.Summary q = Quality.summarize(list);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", list.get(0).getVersion());
            m.put("arm", list.get(0).getArm());
            m.put("predictions", q.predictions());
            m.put("joined", q.joined());
            m.put("duplicates", q.duplicates());
            m.putAll(q.figures());
            out.add(m);
        });
        return out;
    }

    static String qualityText(List<Map<String, Object>> quality) {
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> q : quality) {
            s.append(String.format(
                    Locale.ROOT,
                    "%n  quality v%s %s: %d of %d predictions judged",
                    q.get("version"),
                    q.get("arm"),
                    (Long) q.get("joined"),
                    (Long) q.get("predictions")));
            for (String figure : Quality.Summary.FIGURES) {
                if (q.get(figure) != null) {
                    s.append(String.format(Locale.ROOT, ", %s %.4f", figure, (Double) q.get(figure)));
                }
            }
        }
        return s.toString();
    }

    /** Shadow agreement added up over the scorer instances, per production and shadow version. */
    static List<Map<String, Object>> agreement(List<ScorerStatus> statuses) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, double[]> deltas = new TreeMap<>();
        for (ScorerStatus s : statuses) {
            for (ShadowAgreement a : s.getShadows()) {
                String key = a.getProduction() + ":" + a.getShadow();
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                c[0] += a.getCompared();
                c[1] += a.getAgreed();
                double[] d = deltas.computeIfAbsent(key, k -> new double[2]);
                d[0] += a.getMeanAbsScoreDelta() * a.getCompared();
                d[1] = Math.max(d[1], a.getMaxAbsScoreDelta());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] versions = key.split(":");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("production", Integer.parseInt(versions[0]));
            m.put("shadow", Integer.parseInt(versions[1]));
            m.put("compared", c[0]);
            m.put("agreed", c[1]);
            m.put("agreementRate", c[0] == 0 ? null : c[1] / (double) c[0]);
            m.put("meanAbsScoreDelta", c[0] == 0 ? null : deltas.get(key)[0] / c[0]);
            m.put("maxAbsScoreDelta", deltas.get(key)[1]);
            out.add(m);
        });
        return out;
    }
}
