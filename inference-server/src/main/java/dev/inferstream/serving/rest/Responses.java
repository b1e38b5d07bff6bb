/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import dev.inferstream.serving.oip.ServingException;
import io.javalin.http.Context;

/** Writes JSON bodies and protocol errors ({@code {"error": …}} with the status's HTTP code). */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {}

    static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    static void error(Context ctx, ServingException e) {
        json(ctx, e.status().httpStatus(), JsonCodec.error(e.getMessage()));
    }
}
