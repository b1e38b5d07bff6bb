/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin HTTP port: {@code /health/live} (the process is up), {@code /health/ready} (the scorer is processing;
 * for a Kubernetes readiness probe) and {@code /metrics} (Prometheus).
 */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for a free port
     * @param readiness a short state description when not ready, null when ready
     */
    public static AdminServer start(int port, Supplier<String> readiness, ScorerMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "text/plain", "live\n"));
        server.createContext("/health/ready", exchange -> {
            String notReady = readiness.get();
            respond(
                    exchange,
                    notReady == null ? 200 : 503,
                    "text/plain",
                    notReady == null ? "ready\n" : notReady + "\n");
        });
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.start();
        return new AdminServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
