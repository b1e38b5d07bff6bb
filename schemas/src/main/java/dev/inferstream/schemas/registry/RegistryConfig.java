/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a Confluent-compatible schema registry. Built from the same keys Confluent's clients read, so
 * existing client configs work unchanged.
 *
 * <pre>{@code
 * RegistryConfig config = RegistryConfig.fromProperties(Map.of("schema.registry.url", "http://localhost:8081"));
 * }</pre>
 *
 * @param urls one or more base URLs, tried in order when one fails
 * @param userInfo {@code user:password} for HTTP basic auth, if any
 * @param ssl key and trust stores for TLS, if configured
 */
public record RegistryConfig(
        List<URI> urls,
        Optional<String> userInfo,
        Optional<SslSettings> ssl,
        Duration requestTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

    public RegistryConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is required: set it to the registry's base URL, "
                    + "e.g. http://localhost:8081 (Apicurio: http://localhost:8081/apis/ccompat/v7)");
        }
        for (URI url : urls) {
            if (url.getScheme() == null
                    || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException(URL + " has '" + url + "', which is not an http(s) URL");
            }
        }
        urls = List.copyOf(urls);
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must be >= 0, not " + maxRetries);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT_MS + " must be positive");
        }
    }

    /** A config with default timeouts and retries for the given URL. */
    public static RegistryConfig of(String url) {
        return fromProperties(Map.of(URL, url));
    }

    /** Reads the registry keys from Kafka-style client properties; other keys are ignored. */
    public static RegistryConfig fromProperties(Map<String, ?> props) {
        Object raw = props.get(URL);
        if (raw == null || raw.toString().isBlank()) {
            throw new IllegalArgumentException(
                    URL + " is required: set it to the registry's base URL, " + "e.g. http://localhost:8081");
        }
        List<URI> urls = new ArrayList<>();
        Optional<String> userInfo = Optional.empty();
        for (String part : raw.toString().split(",")) {
            URI uri = URI.create(part.trim().replaceAll("/+$", ""));
            if (uri.getUserInfo() != null) {
                userInfo = Optional.of(uri.getUserInfo());
                uri = URI.create(
                        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
            urls.add(uri);
        }
        String source = string(props, CREDENTIALS_SOURCE, userInfo.isPresent() ? "URL" : "USER_INFO");
        if (source.equals("USER_INFO")) {
            String info = string(props, USER_INFO, "");
            userInfo = info.isEmpty() ? Optional.empty() : Optional.of(info);
            if (userInfo.isPresent() && !info.contains(":")) {
                throw new IllegalArgumentException(USER_INFO + " must be 'user:password'");
            }
        } else if (!source.equals("URL")) {
            throw new IllegalArgumentException(CREDENTIALS_SOURCE + " must be USER_INFO or URL, not " + source);
        }
        return new RegistryConfig(
                urls,
                userInfo,
                SslSettings.fromProperties(props),
                Duration.ofMillis(number(props, REQUEST_TIMEOUT_MS, 10_000)),
                (int) number(props, MAX_RETRIES, 3),
                Duration.ofMillis(number(props, RETRY_BACKOFF_MS, 100)),
                Duration.ofMillis(number(props, RETRY_BACKOFF_MAX_MS, 2_000)));
    }

    static String string(Map<String, ?> props, String key, String fallback) {
        Object value = props.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    private static long number(Map<String, ?> props, String key, long fallback) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }
}
