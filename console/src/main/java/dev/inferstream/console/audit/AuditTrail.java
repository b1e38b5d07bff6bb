/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.audit;

import dev.inferstream.console.lifecycle.TrafficSplit;
import dev.inferstream.console.state.ConsoleAction;
import dev.inferstream.console.state.ConsoleState;
import dev.inferstream.schemas.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The audit trail: every deployment change (from the history topic, whoever made it: console, scorerctl, the
 * rollout controller) and every console action, newest first, searchable and filterable.
 */
public final class AuditTrail {
    /**
     * One entry.
     *
     * @param kind {@code deployment} or the console action (publish, score-file, load-test, …)
     */
    public record Entry(Instant at, String who, String kind, String model, String what, String outcome) {}

    private AuditTrail() {}

    /**
     * @param text matches who, model, kind or what (case-insensitive); null: everything
     * @param who exact user; null: anyone
     * @param model exact model; null: every model
     * @param kind exact kind; null: every kind
     */
    public static List<Entry> search(ConsoleState state, String text, String who, String model, String kind) {
        List<Entry> all = new ArrayList<>();
        for (Deployment d : state.allHistory()) {
            all.add(new Entry(
                    d.getChangedAt(),
                    d.getChangedBy(),
                    "deployment",
                    d.getModel(),
                    "revision " + d.getRevision() + ": " + TrafficSplit.text(d) + " — " + d.getReason(),
                    "published"));
        }
        for (ConsoleAction a : state.actions()) {
            all.add(new Entry(a.at(), a.user(), a.action(), a.model(), a.detail(), a.outcome()));
        }
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(e -> who == null || who.equals(e.who()))
                .filter(e -> model == null || model.equals(e.model()))
                .filter(e -> kind == null || kind.equals(e.kind()))
                .filter(e -> needle == null
                        || (e.who() + " " + e.model() + " " + e.kind() + " " + e.what() + " " + e.outcome())
                                .toLowerCase(Locale.ROOT)
                                .contains(needle))
                .sorted(Comparator.comparing(Entry::at).reversed())
                .toList();
    }
}
