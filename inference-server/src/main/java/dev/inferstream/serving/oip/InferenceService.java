/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

/**
 * The Open Inference Protocol's operations, independent of the transport: the REST and gRPC servers only translate
 * to and from these. Failures are {@link ServingException}s.
 */
public interface InferenceService {

    ServerMetadata serverMetadata();

    /** Whether every served model has a version loaded. */
    boolean ready();

    /**
     * Whether {@code model} (and {@code version}, when not null) can score now.
     *
     * @throws ServingException (not found) for a model that is not served
     */
    boolean modelReady(String model, String version);

    /** @throws ServingException (not found, unavailable) */
    ModelMetadata modelMetadata(String model, String version);

    /**
     * Scores a request; blocks until its predictions are made.
     *
     * @throws ServingException naming the input and problem when the request cannot be scored
     */
    InferResponse infer(InferRequest request, Protocol protocol);
}
