/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.monitor;

import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.streaming.admin.ScorerMetrics;

/** Turns model loads, refusals and deployment switches into metrics, and drops drift state of retired versions. */
public final class ModelEvents implements ModelService.Listener {
    private final ModelService models;
    private final ScorerMetrics metrics;
    private final DriftWatch drift;

    /** @param drift the drift watch, or null */
    public ModelEvents(ModelService models, ScorerMetrics metrics, DriftWatch drift) {
        this.models = models;
        this.metrics = metrics;
        this.drift = drift;
    }

    @Override
    public void loaded(ModelRef ref, long loadNanos) {
        metrics.modelLoad(ref.name(), ref.version(), "loaded", loadNanos);
    }

    @Override
    public void loadFailed(ModelRef ref, String reason) {
        metrics.modelLoad(ref.name(), ref.version(), "failed", 0);
    }

    @Override
    public void deployed(DeploymentSpec spec) {
        metrics.deployed(spec.model(), spec.revision(), spec.versions());
        metrics.arms().reset(spec.model());
        if (drift != null) {
            drift.retain(m -> models.loaded(m.ref()).orElse(null) == m);
        }
    }
}
