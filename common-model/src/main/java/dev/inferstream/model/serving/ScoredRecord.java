/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.routing.RouteDecision;
import java.util.List;

/**
 * The outcome of one request: the routing decision, the version that scored it and its outcome, the shadow
 * versions' outcomes, and, for ensembles and cascades, each member's output. {@code decision} and {@code model}
 * are null when routing failed.
 */
public record ScoredRecord(
        RouteDecision decision, LoadedModel model, Outcome outcome, List<Shadow> shadows, List<Member> members) {

    /** The outcome of a record scored by one version (no ensemble or cascade members). */
    public ScoredRecord(RouteDecision decision, LoadedModel model, Outcome outcome, List<Shadow> shadows) {
        this(decision, model, outcome, shadows, List.of());
    }

    /** A shadow version's outcome for the same record. */
    public record Shadow(LoadedModel model, Outcome outcome) {}

    /**
     * One contributor to an ensemble or cascade prediction.
     *
     * @param role {@code member:<i>} or {@code cascade:<stage>}
     * @param nanos the inference time of the member's batch call, shared out evenly over its records
     */
    public record Member(LoadedModel model, String role, Outcome.Scored outcome, long nanos) {}
}
