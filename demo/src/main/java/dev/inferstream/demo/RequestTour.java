/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.ManifestException;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.demo.CardTransaction;
import dev.inferstream.serving.client.OipClient;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quickstart's request/response step: one transaction the scorer already scored from Kafka is sent again as an
 * Open Inference Protocol request over REST and over gRPC, and both answers are printed next to its Kafka prediction.
 */
final class RequestTour {
    private final PrintStream out;
    private final int restPort;
    private final int grpcPort;

    RequestTour(PrintStream out, int restPort, int grpcPort) {
        this.out = out;
        this.restPort = restPort;
        this.grpcPort = grpcPort;
    }

    void run(Prediction kafka, CardTransaction tx) throws ManifestException {
        Map<String, String> fields = fields(tx);
        out.println("   transaction " + tx.getTransactionId() + " of card " + tx.getCardId() + ", its fields as a "
                + "record-form request, sticky by the card (parameter key):");
        for (OipClient client : new OipClient[] {
            OipClient.rest(URI.create("http://127.0.0.1:" + restPort)), OipClient.grpc("127.0.0.1", grpcPort)
        }) {
            try (client) {
                var p = client.predict(DemoModels.MODEL, null, fields, tx.getCardId());
                out.printf(
                        "   %-5s v%s (%s) score %.6f label %-5s prediction %s, %d µs in the scorer%s%n",
                        client.getClass().getSimpleName().startsWith("Rest") ? "REST" : "gRPC",
                        p.version(),
                        p.arm(),
                        p.score(),
                        p.label(),
                        p.predictionId(),
                        p.latencyMicros(),
                        p.score().equals(kafka.getScore()) ? ", score identical to Kafka's" : ", SCORE DIFFERS");
            }
        }
        out.printf(
                "   Kafka v%d (%s) score %.6f label %-5s prediction %s%n",
                kafka.getVersion(), kafka.getArm(), kafka.getScore(), kafka.getLabel(), kafka.getPredictionId());
        out.println("   try it: scripts/scorerctl predict fraud --url http://127.0.0.1:" + restPort
                + " --field amount=12.5 --field channel=pos ...  (or curl, see README: Request/response API)");
    }

    /** The fields the model reads, as text: numbers, booleans as 1/0, the channel as its category. */
    private static Map<String, String> fields(CardTransaction tx) throws ManifestException {
        Map<String, String> fields = new LinkedHashMap<>();
        AvroFieldSource source = new AvroFieldSource(tx);
        byte[] manifest = DemoModels.manifest(1, "").getBytes(StandardCharsets.UTF_8);
        for (FieldPath path : ManifestParser.parse(manifest, "demo").fieldPaths()) {
            Object value = source.value(path);
            if (value instanceof Boolean b) {
                fields.put(path.text(), b ? "1" : "0");
            } else if (value != null) {
                fields.put(path.text(), value.toString());
            }
        }
        return fields;
    }
}
