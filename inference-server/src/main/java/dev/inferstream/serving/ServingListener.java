/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServingException;
import java.util.List;

/**
 * Told what the server does, to write and count it: the streaming scorer sends shadow predictions to their topic,
 * logs requests to Kafka and keeps metrics. Calls come from request and batch threads; keep them short.
 */
public interface ServingListener {
    ServingListener NONE = new ServingListener() {};

    /**
     * One request's predictions, in row order, each with the shadow versions' predictions of the same row. Called
     * before the response is sent.
     */
    default void predicted(Protocol protocol, List<RecordScorer.Predicted> predictions) {}

    /** One inference call of {@code model}: {@code rows} rows of one or more requests, in {@code nanos}. */
    default void batch(String model, int rows, long nanos) {}

    /**
     * An inference request answered.
     *
     * @param model the model named in the request if this server serves it, else null
     * @param status null when it succeeded
     */
    default void answered(Protocol protocol, String model, ServingException.Status status, long nanos) {}
}
