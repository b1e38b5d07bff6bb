/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

import java.net.URI;
import java.util.Map;

/**
 * A client of the Open Inference Protocol that sends one record in record form and returns its prediction: field
 * values are given as text and typed by the model's advertised record inputs. Over REST (JSON) or gRPC.
 *
 * <pre>{@code
 * try (OipClient client = OipClient.rest(URI.create("http://127.0.0.1:8000"))) {
 *     Prediction p = client.predict("fraud", null, Map.of("amount", "12.5", "channel", "pos"), "card-42");
 *     System.out.println(p.score() + " " + p.label() + " from v" + p.version() + " (" + p.arm() + ")");
 * }
 * }</pre>
 */
public interface OipClient extends AutoCloseable {

    /** A REST client of the server at {@code baseUrl}, e.g. {@code http://127.0.0.1:8000}. */
    static OipClient rest(URI baseUrl) {
        return new RestOipClient(baseUrl);
    }

    /** A gRPC client of the server at {@code host:port}, plain text. */
    static OipClient grpc(String host, int port) {
        return new GrpcOipClient(host, port);
    }

    /**
     * Scores one record.
     *
     * @param version the version to pin, or null for the model's own routing
     * @param fields field name → value as text (numbers, {@code 1,2,3} for an array field, or a category)
     * @param key the key the split is sticky on, or null
     * @throws OipException with the server's status and message when the request is refused
     */
    Prediction predict(String model, String version, Map<String, String> fields, String key);

    @Override
    void close();
}
