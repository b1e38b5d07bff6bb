/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import dev.inferstream.serving.oip.InferenceService;
import io.javalin.http.Context;

/** A model's resources: {@code /v2/models/{m}[/versions/{v}]} (metadata) and {@code …/ready}. */
final class ModelHandler {
    private final InferenceService service;

    ModelHandler(InferenceService service) {
        this.service = service;
    }

    void metadata(Context ctx) {
        Responses.json(ctx, 200, JsonCodec.metadata(service.modelMetadata(model(ctx), version(ctx))));
    }

    void ready(Context ctx) {
        String model = model(ctx);
        boolean ready = service.modelReady(model, version(ctx));
        Responses.json(ctx, ready ? 200 : 503, JsonCodec.flag(model, "ready", ready));
    }

    static String model(Context ctx) {
        return ctx.pathParam("model");
    }

    /** The version in the path, or null for the model's own routing. */
    static String version(Context ctx) {
        return ctx.pathParamMap().get("version");
    }
}
