/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The streaming scorer writes the same prediction headers, byte for byte and in order, as every other engine. */
class PredictionHeadersTest {

    @Test
    void headersMatchTheSharedEnvelopeHeadersAcrossVersionsArmsAndInputHeaders() {
        Map<String, byte[]> inputHeaders = new LinkedHashMap<>();
        inputHeaders.put("trace-id", utf8("t-1"));
        inputHeaders.put("ml.model.version", utf8("2"));
        inputHeaders.put("empty", null);
        inputHeaders.put("ml.prediction.id", utf8("old"));
        List<Prediction> predictions = List.of(
                prediction("fraud", 1, "a".repeat(64), "stable", 5, 17L),
                prediction("fraud", 1, "a".repeat(64), "stable", 5, 18L),
                prediction("fraud", 2, "b".repeat(64), "shadow:2", null, 0L),
                prediction("fraud", 2, "b".repeat(64), "canary", 123_456, 9_999_999_999L),
                prediction("fraud", 1, "c".repeat(64), "ensemble", 5, 3L),
                prediction("frâud", 1, "a".repeat(64), "stable", 5, 4L));
        PredictionHeaders headers = new PredictionHeaders();
        for (Map<String, byte[]> input : List.of(Map.<String, byte[]>of(), inputHeaders)) {
            for (int pass = 0; pass < 2; pass++) {
                for (Prediction p : predictions) {
                    assertThat(entries(headers.of(input, p)))
                            .as(p.getModel() + " v" + p.getVersion() + " " + p.getArm() + " " + input.keySet())
                            .containsExactlyElementsOf(entries(Envelopes.predictionHeaders(input, p)));
                }
            }
        }
    }

    private static List<String> entries(RecordHeaders headers) {
        List<String> entries = new ArrayList<>();
        for (Header h : headers) {
            entries.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return entries;
    }

    private static List<String> entries(Map<String, byte[]> headers) {
        List<String> entries = new ArrayList<>();
        headers.forEach((k, v) -> entries.add(k + "=" + (v == null ? "null" : new String(v, StandardCharsets.UTF_8))));
        return entries;
    }

    private static Prediction prediction(
            String model, int version, String sha256, String arm, Integer schemaId, long latencyMicros) {
        return new Prediction(
                Envelopes.predictionId(
                        new Lineage(new SourceRecord("kafka", "tx", 0, latencyMicros), null, schemaId, 0),
                        model,
                        version,
                        arm),
                null,
                model,
                version,
                sha256,
                arm,
                0.5,
                "1",
                List.of(),
                List.of(),
                List.of(),
                new SourceRecord("kafka", "tx", 0, latencyMicros),
                schemaId,
                Instant.EPOCH,
                Instant.EPOCH,
                latencyMicros,
                "test",
                null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
