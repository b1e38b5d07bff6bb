/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.control.RolloutChange;
import dev.inferstream.control.RolloutChanges;
import dev.inferstream.control.RolloutException;
import dev.inferstream.schemas.Deployment;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The deploy wizard's and the rollout buttons' fields turned into a {@link RolloutChange}, through the same
 * checks as {@code scorerctl} ({@link RolloutChanges}). Fields are named like scorerctl's options.
 */
public final class ChangeForm {
    /** The patterns the wizard offers, with what each does, in the order it shows them. */
    public static final Map<String, String> PATTERNS = orderedPatterns();

    private ChangeForm() {}

    /**
     * @param fields the form's fields (pattern, version, percent, …)
     * @param history the model's history, for {@code restore}
     * @throws RolloutException naming the field and the problem
     */
    public static RolloutChange parse(
            String model, Function<String, String> fields, Deployment current, List<Deployment> history) {
        String pattern = required(fields, "pattern");
        return switch (pattern) {
            case "deploy" -> RolloutChanges.deploy(model, version(fields, "version"));
            case "shadow" -> RolloutChanges.shadow(model, version(fields, "version"));
            case "unshadow" ->
                RolloutChanges.unshadow(model, fields.apply("version") == null ? null : version(fields, "version"));
            case "canary" ->
                RolloutChanges.canary(
                        model,
                        version(fields, "version"),
                        decimal(fields, "percent"),
                        new RolloutChanges.Gates(
                                number(fields, "max-error-rate-increase"),
                                number(fields, "max-latency-ratio"),
                                number(fields, "max-accuracy-drop"),
                                fields.apply("min-samples") == null
                                        ? RolloutChanges.Gates.DEFAULT_MIN_SAMPLES
                                        : version(fields, "min-samples"),
                                fields.apply("observe")));
            case "share" -> share(model, fields, current);
            case "ab" -> RolloutChanges.ab(model, lines(fields, "arms"), fields.apply("id"));
            case "bandit" ->
                RolloutChanges.bandit(
                        model,
                        lines(fields, "arms"),
                        or(fields.apply("reward"), "binary"),
                        new BigDecimal(or(fields.apply("min-percent"), "5")),
                        or(fields.apply("update-every"), "60s"),
                        fields.apply("id"));
            case "ensemble" ->
                RolloutChanges.ensemble(model, lines(fields, "members"), or(fields.apply("combiner"), "mean"));
            case "cascade" ->
                RolloutChanges.cascade(
                        model,
                        version(fields, "first"),
                        version(fields, "second"),
                        number(fields, "threshold") == null ? missing("threshold") : number(fields, "threshold"),
                        or(fields.apply("confidence"), "max-probability"));
            case "promote" -> RolloutChanges.promote(model, fields.apply("arm"));
            case "rollback" -> RolloutChanges.rollback(model);
            case "restore" -> {
                long revision = version(fields, "revision");
                Deployment earlier = history.stream()
                        .filter(d -> d.getRevision() == revision)
                        .findFirst()
                        .orElseThrow(() -> new RolloutException("revision " + revision + " of " + model
                                + " is not in the history the console has read"));
                yield RolloutChanges.restore(model, earlier);
            }
            default ->
                throw new RolloutException(
                        "unknown pattern '" + pattern + "': choose one of " + String.join(", ", PATTERNS.keySet()));
        };
    }

    /** The running canary's share changed, its version and gates kept. */
    private static RolloutChange share(String model, Function<String, String> fields, Deployment current) {
        if (current == null || current.getCanary() == null) {
            throw new RolloutException(model + " runs no canary whose share could change");
        }
        var gates = current.getCanary().getGates();
        return RolloutChanges.canary(
                model,
                current.getCanary().getVersion(),
                decimal(fields, "percent"),
                gates == null
                        ? RolloutChanges.Gates.none()
                        : new RolloutChanges.Gates(
                                gates.getMaxErrorRateIncrease(),
                                gates.getMaxLatencyRatio(),
                                gates.getMaxAccuracyDrop(),
                                gates.getMinSamples(),
                                gates.getObservationMs() + "ms"));
    }

    private static Map<String, String> orderedPatterns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deploy", "make the version stable for all traffic");
        m.put("shadow", "score a copy of every record with it; compare, never serve");
        m.put("canary", "serve a share of the keys (sticky per key), optionally judged by gates");
        m.put("ab", "an A/B(/n) experiment: named arms, each a version and a percent");
        m.put("bandit", "shares follow the arms' rewards from joined feedback");
        m.put("ensemble", "score with several versions and combine their outputs");
        m.put("cascade", "a first version decides what it is sure of, a second the rest");
        return Collections.unmodifiableMap(m);
    }

    private static String required(Function<String, String> fields, String name) {
        String value = fields.apply(name);
        if (value == null || value.isBlank()) {
            throw new RolloutException(name + " is missing: fill it in");
        }
        return value.trim();
    }

    private static <T> T missing(String name) {
        throw new RolloutException(name + " is missing: fill it in");
    }

    private static int version(Function<String, String> fields, String name) {
        String text = required(fields, name);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RolloutException(name + " '" + text + "' is not a whole number");
        }
    }

    private static BigDecimal decimal(Function<String, String> fields, String name) {
        String text = required(fields, name);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RolloutException(name + " '" + text + "' is not a number");
        }
    }

    private static Double number(Function<String, String> fields, String name) {
        String text = fields.apply(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new RolloutException(name + " '" + text + "' is not a number");
        }
    }

    private static List<String> lines(Function<String, String> fields, String name) {
        return Arrays.stream(required(fields, name).split("[\\r\\n]+"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
