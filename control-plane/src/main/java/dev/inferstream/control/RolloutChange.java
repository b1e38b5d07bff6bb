/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One requested change of a model's deployment, as {@code scorerctl} and the console make it: the transition to
 * apply to the current deployment, the deployment to start with when the model has none, the reason used when the
 * person gives none, and the equivalent {@code scorerctl} command line. Built by {@link RolloutChanges}, which checks
 * the arguments; applied by {@link ControlPlane#change}.
 *
 * <pre>{@code
 * RolloutChange change = RolloutChanges.canary("fraud", 4, new BigDecimal("5"), CanaryGateArgs.none());
 * change.commandLine();   // scorerctl canary fraud 4 --percent 5
 * Deployment next = change.next(current, "alice", "try v4", Instant.now());
 * }</pre>
 */
public final class RolloutChange {
    private final String model;
    private final String verb;
    private final List<String> arguments;
    private final Function<Deployment, Deployment.Builder> transition;
    private final Supplier<Deployment.Builder> first;
    private final String defaultReason;

    RolloutChange(
            String model,
            String verb,
            List<String> arguments,
            Function<Deployment, Deployment.Builder> transition,
            Supplier<Deployment.Builder> first,
            String defaultReason) {
        this.model = model;
        this.verb = verb;
        this.arguments = List.copyOf(arguments);
        this.transition = transition;
        this.first = first;
        this.defaultReason = defaultReason;
    }

    public String model() {
        return model;
    }

    /** The scorerctl command: deploy, canary, shadow, promote, rollback, … */
    public String verb() {
        return verb;
    }

    /** The reason recorded when the person gives none, e.g. {@code canary v4 at 5 %}. */
    public String defaultReason() {
        return defaultReason;
    }

    /** Whether the change can start a model that has no deployment yet. */
    public boolean canStart() {
        return first != null;
    }

    /** The same change as a {@code scorerctl} command line (arguments with spaces are quoted). */
    public String commandLine() {
        List<String> words = new ArrayList<>();
        words.add("scorerctl");
        words.add(verb);
        words.add(model);
        words.addAll(arguments);
        return String.join(" ", words.stream().map(RolloutChange::quoted).toList());
    }

    /**
     * The deployment this change makes of {@code current}: the next revision, who, when and why.
     *
     * @param current the model's current deployment, or null when it has none
     * @param reason null or blank: the {@link #defaultReason()}
     * @throws RolloutException when the change does not apply to {@code current}, with what to do instead
     */
    public Deployment next(Deployment current, String changedBy, String reason, Instant changedAt) {
        Deployment.Builder next;
        if (current == null) {
            if (first == null) {
                throw new RolloutException(
                        "no deployment of " + model + " yet: start with scorerctl deploy " + model + " <version>");
            }
            next = first.get();
        } else {
            next = transition.apply(current);
        }
        return next.setRevision(current == null ? 1 : current.getRevision() + 1)
                .setChangedBy(changedBy)
                .setChangedAt(changedAt)
                .setReason(reason == null || reason.isBlank() ? defaultReason : reason)
                .build();
    }

    @Override
    public String toString() {
        return commandLine();
    }

    private static String quoted(String word) {
        return word.isEmpty()
                        || word.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"$`\\;&|<>*?".indexOf(c) >= 0)
                ? "'" + word.replace("'", "'\\''") + "'"
                : word;
    }
}
