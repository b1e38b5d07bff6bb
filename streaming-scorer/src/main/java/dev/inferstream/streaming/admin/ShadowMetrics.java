/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.model.quality.Agreement;
import dev.inferstream.schemas.Prediction;
import java.util.Objects;

/** Shadow versions' predictions: written, dropped, and compared with production (meters and agreement). */
final class ShadowMetrics {
    private final Meters meters;
    private final Agreement agreement = new Agreement();

    ShadowMetrics(Meters meters) {
        this.meters = meters;
    }

    void scored(String route, String model, int version) {
        meters.counter(
                        "inferstream_records_shadow_scored",
                        "Shadow predictions written",
                        "route",
                        route,
                        "model",
                        model,
                        "version",
                        Integer.toString(version))
                .increment();
    }

    void dropped(String route, String reason) {
        meters.counter(
                        "inferstream_shadow_dropped",
                        "Shadow predictions not written (the route's predictions are)",
                        "route",
                        route,
                        "reason",
                        reason)
                .increment();
    }

    void compared(Prediction production, Prediction shadow) {
        String model = production.getModel();
        String v = Integer.toString(production.getVersion());
        String sv = Integer.toString(shadow.getVersion());
        boolean agree = Objects.equals(production.getLabel(), shadow.getLabel());
        meters.counter(
                        "inferstream_shadow_comparisons",
                        "Shadow predictions compared with production",
                        "model",
                        model,
                        "version",
                        v,
                        "shadow_version",
                        sv,
                        "agree",
                        Boolean.toString(agree))
                .increment();
        if (production.getScore() != null && shadow.getScore() != null) {
            meters.summary(
                            "inferstream_shadow_score_delta",
                            b -> b.description("Absolute difference between the shadow and the production score"),
                            "model",
                            model,
                            "version",
                            v,
                            "shadow_version",
                            sv)
                    .record(Math.abs(shadow.getScore() - production.getScore()));
        }
        agreement.record(
                new Agreement.Pair(model, production.getVersion(), shadow.getVersion()),
                production.getLabel(),
                production.getScore(),
                shadow.getLabel(),
                shadow.getScore());
    }

    Agreement agreement() {
        return agreement;
    }
}
