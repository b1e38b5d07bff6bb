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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of a prediction, byte for byte those of {@link Envelopes#predictionHeaders}, built straight into
 * {@link RecordHeaders}: the model, version, digest and arm headers are built once per version and arm and shared
 * by every prediction of it (as is the schema id header per id), so a record costs only its prediction id and
 * latency headers. One per stream task.
 */
final class PredictionHeaders {
    /** Versions and arms kept before the cache starts over (a task sees a handful). */
    private static final int MAX_CACHED = 256;

    private record Identity(String model, int version, String sha256, String arm) {
        boolean of(Prediction p) {
            return version == p.getVersion()
                    && arm.equals(p.getArm())
                    && model.equals(p.getModel())
                    && sha256.equals(p.getSha256());
        }
    }

    private final Map<Identity, Header[]> identities = new HashMap<>();
    private final Map<Integer, Header> schemaIds = new HashMap<>();
    /** The last identity seen and its headers: a task's predictions mostly share one. */
    private Identity lastIdentity;

    private Header[] lastIdentityHeaders;
    private int lastSchemaId;
    private Header lastSchemaIdHeader;

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
        for (Header h : identity(p)) {
            headers.add(h);
        }
        headers.add("ml.prediction.id", utf8(p.getPredictionId()));
        if (p.getInputSchemaId() != null) {
            headers.add(schemaId(p.getInputSchemaId()));
        }
        headers.add("ml.latency.us", utf8(Long.toString(p.getLatencyMicros())));
        return headers;
    }

    private Header[] identity(Prediction p) {
        if (lastIdentity != null && lastIdentity.of(p)) {
            return lastIdentityHeaders;
        }
        Identity key = new Identity(p.getModel(), p.getVersion(), p.getSha256(), p.getArm());
        Header[] cached = identities.get(key);
        if (cached == null) {
            if (identities.size() >= MAX_CACHED) {
                identities.clear();
            }
            cached = new Header[] {
                new RecordHeader("ml.model", utf8(p.getModel())),
                new RecordHeader("ml.model.version", utf8(Integer.toString(p.getVersion()))),
                new RecordHeader("ml.model.sha256", utf8(p.getSha256())),
                new RecordHeader("ml.arm", utf8(p.getArm()))
            };
            identities.put(key, cached);
        }
        lastIdentity = key;
        lastIdentityHeaders = cached;
        return cached;
    }

    private Header schemaId(int id) {
        if (lastSchemaIdHeader != null && lastSchemaId == id) {
            return lastSchemaIdHeader;
        }
        Header cached = schemaIds.get(id);
        if (cached == null) {
            if (schemaIds.size() >= MAX_CACHED) {
                schemaIds.clear();
            }
            cached = new RecordHeader("ml.schema.id", utf8(Integer.toString(id)));
            schemaIds.put(id, cached);
        }
        lastSchemaId = id;
        lastSchemaIdHeader = cached;
        return cached;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
