/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apicurio Registry, which serves the Confluent Schema Registry API, keeping its schemas in an H2 database file
 * under the stack's {@code registry/} folder so that they outlive a restart of the registry; over HTTPS with the
 * stack's certificate when the stack is secured.
 */
final class SchemaRegistry {
    static final String NAME = "registry";
    static final String CONFLUENT_API = "/apis/ccompat/v7";

    private SchemaRegistry() {}

    /** @param keys the stack's key material, or null to serve plain HTTP */
    static JavaProcess start(StackArtifacts artifacts, Path dir, int port, StackKeys keys)
            throws IOException, InterruptedException {
        Path runner = artifacts.apicurioRunner(StackArtifacts.cacheRoot());
        List<String> args = new ArrayList<>(List.of(
                "-Xms128m",
                "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dir.resolve("registry/registry_db"),
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.quarkus\".level=INFO"));
        if (keys == null) {
            args.add("-Dquarkus.http.port=" + port);
        } else {
            // only HTTPS: the plain port is bound to a free port and refuses every request
            args.addAll(List.of(
                    "-Dquarkus.http.port=0",
                    "-Dquarkus.http.ssl-port=" + port,
                    "-Dquarkus.http.insecure-requests=disabled",
                    "-Dquarkus.http.ssl.certificate.key-store-file=" + keys.keystore(),
                    "-Dquarkus.http.ssl.certificate.key-store-file-type=PKCS12",
                    "-Dquarkus.http.ssl.certificate.key-store-password=" + keys.storePassword()));
        }
        args.addAll(List.of("-jar", runner.toString()));
        return JavaProcess.start(NAME, args, dir, dir.resolve("logs/registry.log"));
    }

    static String url(int port, boolean https) {
        return (https ? "https" : "http") + "://127.0.0.1:" + port + CONFLUENT_API;
    }

    static boolean isReady(HttpClient http, String url) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/subjects"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
