/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.Stage;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.EnsemblePolicy;
import dev.inferstream.model.routing.RouteDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scores the records an ensemble or a cascade serves: several versions per record, one prediction. */
final class Composites {
    private Composites() {}

    /** What one composite-scored record came to. */
    record Scored(RouteDecision decision, LoadedModel model, Outcome outcome, List<ScoredRecord.Member> members) {}

    /** Whether {@code decision} is served by several versions rather than one. */
    static boolean isComposite(RouteDecision decision) {
        return decision.arm().equals(EnsemblePolicy.ARM) || decision.arm().equals(CascadePolicy.ARM);
    }

    static List<Scored> ensemble(
            EnsemblePolicy policy, Map<Integer, LoadedModel> models, List<FieldSource> rows, RouteDecision decision) {
        int n = rows.size();
        List<List<Outcome>> byMember = new ArrayList<>();
        long[] nanos = new long[policy.members().size()];
        for (int m = 0; m < policy.members().size(); m++) {
            long start = System.nanoTime();
            byMember.add(models.get(policy.members().get(m).version()).score(rows));
            nanos[m] = (System.nanoTime() - start) / n;
        }
        double[] weights = policy.members().stream()
                .mapToDouble(EnsemblePolicy.Member::weight)
                .toArray();
        LoadedModel primary = models.get(policy.primary());
        List<Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<ScoredRecord.Member> members = new ArrayList<>(weights.length);
            Outcome failed = null;
            for (int m = 0; m < weights.length && failed == null; m++) {
                Outcome o = byMember.get(m).get(i);
                if (o instanceof Outcome.Scored s) {
                    LoadedModel model = models.get(policy.members().get(m).version());
                    members.add(new ScoredRecord.Member(model, "member:" + m, s, nanos[m]));
                } else {
                    failed = o;
                }
            }
            Outcome outcome = failed != null ? failed : combine(policy, members, weights);
            out.add(new Scored(decision, primary, outcome, failed == null ? members : List.of()));
        }
        return out;
    }

    private static Outcome combine(EnsemblePolicy policy, List<ScoredRecord.Member> members, double[] weights) {
        List<ScoreResult> results =
                members.stream().map(m -> m.outcome().result()).toList();
        try {
            return new Outcome.Scored(Combiners.combine(policy.combiner(), results, weights));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(Stage.INFERENCE, "ENSEMBLE_MISMATCH", e);
        }
    }

    static List<Scored> cascade(
            CascadePolicy policy, Map<Integer, LoadedModel> models, List<FieldSource> rows, List<Integer> shadows) {
        int n = rows.size();
        LoadedModel first = models.get(policy.first());
        LoadedModel second = models.get(policy.second());
        long start = System.nanoTime();
        List<Outcome> stage1 = first.score(rows);
        long nanos1 = (System.nanoTime() - start) / n;
        List<Integer> escalated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (stage1.get(i) instanceof Outcome.Scored s
                    && policy.confidence().of(s.result().probabilities()) < policy.threshold()) {
                escalated.add(i);
            }
        }
        List<Outcome> stage2 = List.of();
        long nanos2 = 0;
        if (!escalated.isEmpty()) {
            List<FieldSource> rows2 = new ArrayList<>(escalated.size());
            escalated.forEach(i -> rows2.add(rows.get(i)));
            start = System.nanoTime();
            stage2 = second.score(rows2);
            nanos2 = (System.nanoTime() - start) / escalated.size();
        }
        RouteDecision decidedByFirst = new RouteDecision(policy.first(), CascadePolicy.arm(1), shadows);
        RouteDecision decidedBySecond = new RouteDecision(policy.second(), CascadePolicy.arm(2), shadows);
        List<Scored> out = new ArrayList<>(n);
        int next = 0;
        for (int i = 0; i < n; i++) {
            Outcome o1 = stage1.get(i);
            if (!(o1 instanceof Outcome.Scored s1)) {
                out.add(new Scored(decidedByFirst, first, o1, List.of()));
                continue;
            }
            ScoredRecord.Member m1 = new ScoredRecord.Member(first, CascadePolicy.arm(1), s1, nanos1);
            if (next < escalated.size() && escalated.get(next) == i) {
                Outcome o2 = stage2.get(next++);
                List<ScoredRecord.Member> members = o2 instanceof Outcome.Scored s2
                        ? List.of(m1, new ScoredRecord.Member(second, CascadePolicy.arm(2), s2, nanos2))
                        : List.of();
                out.add(new Scored(decidedBySecond, second, o2, members));
            } else {
                out.add(new Scored(decidedByFirst, first, o1, List.of(m1)));
            }
        }
        return out;
    }
}
