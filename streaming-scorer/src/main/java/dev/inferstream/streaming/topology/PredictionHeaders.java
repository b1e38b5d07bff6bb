/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.schemas.Prediction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of a prediction, byte for byte those of {@link Envelopes#predictionHeaders}, built straight into
 * {@link RecordHeaders}: the model, version, digest and arm headers are encoded once per version and arm and
 * reused, so a record costs only its prediction id, schema id and latency. One per stream task.
 */
final class PredictionHeaders {
    /** Versions and arms kept before the cache starts over (a task sees a handful). */
    private static final int MAX_CACHED = 256;

    private record Identity(String model, int version, String sha256, String arm) {}

    private final Map<Identity, byte[][]> identities = new HashMap<>();
    private final Map<Integer, byte[]> schemaIds = new HashMap<>();

    /** The input's headers (minus any {@code ml.*} prediction header) followed by the prediction's. */
    RecordHeaders of(Map<String, byte[]> input, Prediction p) {
        RecordHeaders headers = new RecordHeaders();
        if (!input.isEmpty()) {
            input.forEach((k, v) -> {
                if (!Envelopes.PREDICTION_HEADERS.contains(k)) {
                    headers.add(k, v);
                }
            });
        }
        byte[][] identity = identity(p);
        headers.add("ml.model", identity[0]);
        headers.add("ml.model.version", identity[1]);
        headers.add("ml.model.sha256", identity[2]);
        headers.add("ml.arm", identity[3]);
        headers.add("ml.prediction.id", utf8(p.getPredictionId()));
        if (p.getInputSchemaId() != null) {
            headers.add("ml.schema.id", schemaId(p.getInputSchemaId()));
        }
        headers.add("ml.latency.us", utf8(Long.toString(p.getLatencyMicros())));
        return headers;
    }

    private byte[][] identity(Prediction p) {
        Identity key = new Identity(p.getModel(), p.getVersion(), p.getSha256(), p.getArm());
        byte[][] cached = identities.get(key);
        if (cached == null) {
            if (identities.size() >= MAX_CACHED) {
                identities.clear();
            }
            cached = new byte[][] {
                utf8(p.getModel()), utf8(Integer.toString(p.getVersion())), utf8(p.getSha256()), utf8(p.getArm())
            };
            identities.put(key, cached);
        }
        return cached;
    }

    private byte[] schemaId(int id) {
        byte[] cached = schemaIds.get(id);
        if (cached == null) {
            if (schemaIds.size() >= MAX_CACHED) {
                schemaIds.clear();
            }
            cached = utf8(Integer.toString(id));
            schemaIds.put(id, cached);
        }
        return cached;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
