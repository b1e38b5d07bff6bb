/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import dev.inferstream.serving.oip.InferenceService;
import io.javalin.http.Context;

/** The server resources: {@code /v2/health/live}, {@code /v2/health/ready} and {@code /v2} (server metadata). */
final class HealthHandler {
    private final InferenceService service;

    HealthHandler(InferenceService service) {
        this.service = service;
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, JsonCodec.flag(null, "live", true));
    }

    void ready(Context ctx) {
        boolean ready = service.ready();
        Responses.json(ctx, ready ? 200 : 503, JsonCodec.flag(null, "ready", ready));
    }

    void metadata(Context ctx) {
        Responses.json(ctx, 200, JsonCodec.server(service.serverMetadata()));
    }
}
