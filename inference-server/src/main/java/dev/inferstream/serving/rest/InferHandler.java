/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.ServingException.Status;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** {@code POST /v2/models/{m}[/versions/{v}]/infer}: JSON or binary tensors in, the same out. */
final class InferHandler {
    private final InferenceService service;
    private final ServingListener listener;
    private final long maxBodyBytes;

    InferHandler(InferenceService service, ServingListener listener, long maxBodyBytes) {
        this.service = service;
        this.listener = listener;
        this.maxBodyBytes = maxBodyBytes;
    }

    void infer(Context ctx) {
        answer(ctx, false);
    }

    /**
     * {@code POST /v1/models/{m}:explain} (the KServe V1 path, with a V2 body): an infer request with the parameter
     * {@code explain} set, so the response carries each row's attributions.
     */
    void explain(Context ctx) {
        answer(ctx, true);
    }

    private void answer(Context ctx, boolean explain) {
        long start = System.nanoTime();
        String model = ModelHandler.model(ctx);
        try {
            InferRequest request =
                    JsonCodec.readRequest(body(ctx), headerLength(ctx), model, ModelHandler.version(ctx));
            if (explain) {
                Map<String, Object> parameters = new HashMap<>(request.parameters());
                parameters.put("explain", true);
                request = new InferRequest(
                        request.model(),
                        request.version(),
                        request.id(),
                        parameters,
                        request.inputs(),
                        request.outputs());
            }
            InferResponse response = service.infer(request, Protocol.REST);
            JsonCodec.Encoded encoded = JsonCodec.writeResponse(response, request);
            if (encoded.hasBinary()) {
                ctx.header(JsonCodec.HEADER_LENGTH, Integer.toString(encoded.jsonLength()));
                ctx.status(200).contentType("application/octet-stream").result(encoded.body());
            } else {
                Responses.json(ctx, 200, encoded.body());
            }
            listener.answered(Protocol.REST, model, null, System.nanoTime() - start);
        } catch (ServingException e) {
            listener.answered(
                    Protocol.REST,
                    e.status() == Status.NOT_FOUND ? null : model,
                    e.status(),
                    System.nanoTime() - start);
            throw e;
        }
    }

    private static int headerLength(Context ctx) {
        String header = ctx.header(JsonCodec.HEADER_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            int length = Integer.parseInt(header.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ServingException.invalid(
                JsonCodec.HEADER_LENGTH + " must be a non-negative byte count, not '" + header + "'");
    }

    /** The body, refused with 413 past the limit (checked on Content-Length first, then while reading). */
    private byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge(body.length);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServingException tooLarge(long size) {
        return new ServingException(
                Status.RESOURCE_EXHAUSTED,
                "the request body (" + size + " bytes) is larger than the limit of " + maxBodyBytes
                        + " bytes; send fewer rows per request (or raise scorer.serving.max.request.bytes)");
    }
}
