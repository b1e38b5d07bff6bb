/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads what a server under test answers at a URL (a metrics scrape, a REST resource) as text: a GET with a 10 s
 * timeout whose failures are unchecked, so that tests can poll it inside Awaitility conditions.
 *
 * <pre>{@code
 * String metrics = HttpText.get("http://127.0.0.1:" + adminPort + "/metrics");
 * }</pre>
 */
public final class HttpText {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpText() {}

    /** The body of a GET of {@code url}, whatever its status. */
    public static String get(String url) {
        try {
            return CLIENT.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + url, e);
        }
    }
}
