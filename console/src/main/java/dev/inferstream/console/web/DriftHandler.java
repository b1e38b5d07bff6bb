/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.lifecycle.RolloutView;
import dev.inferstream.schemas.Alert;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Drift per feature from the alerts topic (open alerts first, then the newest alerts) and quality per arm over time. */
public final class DriftHandler {
    private final Pages pages;
    private final ConsoleServices services;

    DriftHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void show(Context ctx) {
        Map<String, List<Alert>> open = new LinkedHashMap<>();
        Map<String, String> quality = new LinkedHashMap<>();
        for (String model : services.catalog().models().keySet()) {
            open.put(model, services.state().openDrift(model));
            quality.put(
                    model,
                    Charts.lines(
                            "quality",
                            RolloutView.quality(
                                    services.state().qualitySeries(model),
                                    services.clock().instant(),
                                    Duration.ofHours(1))));
        }
        List<Alert> recent = new ArrayList<>(services.state().alerts());
        Collections.reverse(recent);
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Drift and quality", "monitoring"));
        params.put("open", open);
        params.put("recent", recent.subList(0, Math.min(100, recent.size())));
        params.put("quality", quality);
        pages.show(ctx, "monitoring/drift.jte", params);
    }
}
