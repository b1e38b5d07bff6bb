/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's own HTTP behaviour: credentials it sends, statuses it retries. */
class SchemaRegistryClientHttpTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failFirst;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/schemas/ids/1", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int call = calls.incrementAndGet();
            byte[] body = (call <= failFirst
                            ? "{\"error_code\":50001,\"message\":\"busy\"}"
                            : "{\"schema\":\"\\\"string\\\"\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(call <= failFirst ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsBasicAuthCredentials() {
        client(Map.of("basic.auth.user.info", "svc:s3cret")).schemaById(1);
        assertThat(authorizations)
                .containsExactly(
                        "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() {
        failFirst = 2;
        assertThat(client(Map.of()).schemaById(1).getType().getName()).isEqualTo("string");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        failFirst = 10;
        assertThatThrownBy(
                        () -> client(Map.of("schema.registry.max.retries", "1")).schemaById(1))
                .isInstanceOf(RegistryException.Unavailable.class)
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("503");
        assertThat(calls.get()).isEqualTo(2);
    }

    private SchemaRegistryClient client(Map<String, String> extra) {
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put(
                "schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
        props.put("schema.registry.retry.backoff.ms", "5");
        return new SchemaRegistryClient(RegistryConfig.fromProperties(props));
    }
}
