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
import java.util.List;

/** Apicurio Registry in its in-memory mode, which serves the Confluent Schema Registry API. */
final class SchemaRegistry {
    static final String CONFLUENT_API = "/apis/ccompat/v7";

    private SchemaRegistry() {}

    static JavaProcess start(StackArtifacts artifacts, Path dir, int port) throws IOException, InterruptedException {
        Path runner = artifacts.apicurioRunner(StackArtifacts.cacheRoot());
        List<String> args = List.of(
                "-Xms128m",
                "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.quarkus\".level=INFO",
                "-jar",
                runner.toString());
        return JavaProcess.start("schema registry", args, dir, dir.resolve("logs/registry.log"));
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port + CONFLUENT_API;
    }

    static boolean isReady(HttpClient http, int port) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(port) + "/subjects"))
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
