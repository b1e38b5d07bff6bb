/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and how the Open Inference Protocol is served.
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0} (all) or {@code 127.0.0.1}
 * @param restPort the REST (HTTP/1.1) port: 0 for any free port, -1 for no REST server
 * @param grpcPort the gRPC port: 0 for any free port, -1 for no gRPC server
 * @param maxRequestBytes the largest request body (REST) or message (gRPC) accepted
 * @param tls when present, both servers speak TLS only
 */
public record ServingSettings(String host, int restPort, int grpcPort, long maxRequestBytes, Optional<Tls> tls) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    public ServingSettings {
        if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the request size limit must be between 1 and " + Integer.MAX_VALUE);
        }
    }

    /** Plain-text servers on all interfaces with the default request size limit. */
    public static ServingSettings of(int restPort, int grpcPort) {
        return new ServingSettings("0.0.0.0", restPort, grpcPort, DEFAULT_MAX_REQUEST_BYTES, Optional.empty());
    }

    public ServingSettings withMaxRequestBytes(long bytes) {
        return new ServingSettings(host, restPort, grpcPort, bytes, tls);
    }

    public ServingSettings withTls(Tls tls) {
        return new ServingSettings(host, restPort, grpcPort, maxRequestBytes, Optional.of(tls));
    }

    /**
     * The server's key and certificate chain.
     *
     * @param keyStore a PKCS12 (or JKS) key store holding one private key entry
     */
    public record Tls(Path keyStore, String password, String type) {}
}
