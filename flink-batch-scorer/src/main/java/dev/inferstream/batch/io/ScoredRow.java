/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.schemas.Prediction;
import java.io.Serializable;
import java.util.Map;

/** A prediction and the input row it belongs to. */
public record ScoredRow(InputRow input, Prediction prediction) implements Serializable {
    /** The headers a Kafka output writes it with, as the streaming scorer does. */
    public Map<String, byte[]> headers() {
        return Envelopes.predictionHeaders(input.headers(), prediction);
    }
}
