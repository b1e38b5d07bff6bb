package dev.inferstream.model.serving;

import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.routing.RouteDecision;
import java.util.List;

/**
 * The outcome of one request: the routing decision, the version that scored it and its outcome, and the shadow
 * versions' outcomes. {@code decision} and {@code model} are null when routing failed.
 */
public record ScoredRecord(RouteDecision decision, LoadedModel model, Outcome outcome, List<Shadow> shadows) {

    /** A shadow version's outcome for the same record. */
    public record Shadow(LoadedModel model, Outcome outcome) {}
}
