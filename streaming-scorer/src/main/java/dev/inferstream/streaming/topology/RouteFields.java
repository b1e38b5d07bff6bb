/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.serde.Projection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The input fields a route's deployment reads — every field of every version it serves, shadows and pinnable
 * versions included, and its key field — as a {@link Projection} to decode records onto. Rebuilt when the
 * deployment changes; a batch decoded under one deployment and scored under another is decoded again in full
 * ({@link #stillCurrent}), so a version switched in mid-batch never sees a field left out. One per stream task.
 */
final class RouteFields {
    private final ModelService models;
    private final String model;
    private DeploymentSpec spec;
    private Projection projection;

    RouteFields(ModelService models, String model) {
        this.models = models;
        this.model = model;
    }

    /** The projection of the deployment serving now, or null to decode every field (no deployment yet). */
    Projection current() {
        DeploymentSpec now = models.deployment(model).orElse(null);
        if (now != spec) {
            spec = now;
            projection = now == null ? null : projection(now);
        }
        return projection;
    }

    /** Whether the deployment {@code projection} was taken from still serves (so every version scoring read it). */
    boolean stillCurrent(Projection projection) {
        return projection == null
                || (projection == this.projection && models.deployment(model).orElse(null) == spec);
    }

    /** Null when a version of {@code spec} is not loaded (its fields are unknown): records are then read whole. */
    private Projection projection(DeploymentSpec spec) {
        Set<String> fields = new HashSet<>();
        for (int version : spec.versions()) {
            Optional<LoadedModel> loaded = models.loaded(new ModelRef(model, version));
            if (loaded.isEmpty()) {
                return null;
            }
            loaded.get().manifest().fieldPaths().forEach(path -> fields.add(top(path)));
        }
        if (spec.keyField() != null) {
            fields.add(top(spec.keyField()));
        }
        return Projection.of(fields);
    }

    private static String top(FieldPath path) {
        return path.segments().get(0);
    }
}
