/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request/response serving with the Open Inference Protocol, next to (or instead of) the Kafka routes.
 *
 * @param restPort the REST port (0: any free port, -1: off)
 * @param grpcPort the gRPC port (0: any free port, -1: off)
 * @param host the address both bind to
 * @param models the models answered for, each with its settings
 * @param batchMaxRecords rows scored in one inference call by the dynamic batcher (1: no batching)
 * @param batchMaxDelay how long the first waiting request waits for others
 * @param maxRequestBytes the largest request body (REST) or message (gRPC)
 * @param tls when present, both ports speak TLS
 */
public record ServingConfig(
        int restPort,
        int grpcPort,
        String host,
        List<ServedModel> models,
        int batchMaxRecords,
        Duration batchMaxDelay,
        long maxRequestBytes,
        Optional<Tls> tls) {

    public ServingConfig {
        models = List.copyOf(models);
    }

    /** Whether any port serves the protocol. */
    public boolean enabled() {
        return restPort >= 0 || grpcPort >= 0;
    }

    /** The served models by name. */
    public Map<String, ServedModel> byName() {
        Map<String, ServedModel> out = new LinkedHashMap<>();
        models.forEach(m -> out.put(m.name(), m));
        return out;
    }

    /**
     * A model answered over the protocol.
     *
     * @param version served at start: {@code latest} (and follow new publications) or a version number
     * @param shadowTopic where shadow versions' predictions of requests go, or null (compared, not written)
     * @param requestLogTopic where every request's predictions go as {@code Prediction} records, or null
     */
    public record ServedModel(String name, String version, String shadowTopic, String requestLogTopic) {
        public boolean followsLatest() {
            return version.equals("latest");
        }
    }

    /** The key store holding the servers' key and certificate chain. */
    public record Tls(Path keyStore, String password, String type) {}
}
