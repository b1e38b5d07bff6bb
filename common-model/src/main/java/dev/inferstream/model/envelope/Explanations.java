/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.internals.Leases;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.EnsemblePolicy;
import dev.inferstream.schemas.Attribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explanations of predictions made by {@link RecordScorer}, computed the same way on every path (streaming routes,
 * batch jobs, request/response), and their {@code Explanation} envelope. A prediction is explained by the version
 * that made it, from the record it was made from.
 */
public final class Explanations {
    /** The top-k that means every field. */
    public static final int ALL = Integer.MAX_VALUE;

    private Explanations() {}

    /**
     * Reads an explain setting as both engines take it: {@code off} (0), {@code all} or {@code top-<k>}.
     *
     * @throws IllegalArgumentException naming the forms it may take
     */
    public static int topK(String setting) {
        if (setting == null || setting.equals("off")) {
            return 0;
        }
        if (setting.equals("all")) {
            return ALL;
        }
        if (setting.matches("top-[1-9][0-9]{0,3}")) {
            return Integer.parseInt(setting.substring("top-".length()));
        }
        throw new IllegalArgumentException(
                "must be off, all or top-<k> (e.g. top-5: the k largest attributions), not '" + setting + "'");
    }

    /**
     * The full explanation of {@code predicted}.
     *
     * @throws ExplainException when the prediction combines several versions (ensemble, cascade), its version
     *     declares no {@code explain:} section, the version was swapped out meanwhile, or the explainer fails
     */
    public static Explanation explain(RecordScorer.Predicted predicted) throws ExplainException {
        String arm = predicted.prediction().getArm();
        if (arm.equals(EnsemblePolicy.ARM)
                || arm.equals(CascadePolicy.ARM)
                || arm.startsWith(CascadePolicy.ARM + ":")) {
            throw new ExplainException(
                    arm + " predictions combine several versions; explain one of them by pinning it");
        }
        LoadedModel model = predicted.model();
        Explainer explainer = model.explainer()
                .orElseThrow(() -> new ExplainException(model.ref() + " cannot be explained: its model.yaml has no"
                        + " explain section (declare explain.background)"));
        if (!Leases.tryAcquire(model)) {
            throw new ExplainException(model.ref() + " was swapped out before its prediction could be explained");
        }
        try {
            return explainer.explain(predicted.input().fields());
        } catch (RuntimeException e) {
            throw new ExplainException("explaining with " + model.ref() + " failed: " + e, e);
        } finally {
            Leases.release(model);
        }
    }

    /**
     * Explains {@code predicted} and attaches its {@code topK} largest attributions to the prediction.
     *
     * @return empty when attached, else why the prediction stays without an explanation (it is still valid)
     */
    public static Optional<String> attach(RecordScorer.Predicted predicted, int topK) {
        try {
            predicted.prediction().setExplanation(envelope(explain(predicted), topK));
            return Optional.empty();
        } catch (ExplainException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The envelope form: the {@code topK} largest attributions, and the sum of the others. */
    public static dev.inferstream.schemas.Explanation envelope(Explanation explanation, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, not " + topK);
        }
        List<FieldAttribution> top = explanation.top(topK);
        List<Attribution> attributions = new ArrayList<>(top.size());
        double kept = 0;
        for (FieldAttribution a : top) {
            attributions.add(new Attribution(a.field(), a.value()));
            kept += a.value();
        }
        double all = 0;
        for (FieldAttribution a : explanation.attributions()) {
            all += a.value();
        }
        return dev.inferstream.schemas.Explanation.newBuilder()
                .setMethod(explanation.method().name())
                .setSpace(explanation.space().name())
                .setTarget(explanation.target())
                .setBaseValue(explanation.baseValue())
                .setValue(explanation.value())
                .setAttributions(attributions)
                .setOtherFields(all - kept)
                .build();
    }
}
