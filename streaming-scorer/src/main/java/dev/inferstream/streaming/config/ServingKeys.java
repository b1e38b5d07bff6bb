/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static dev.inferstream.streaming.config.ScorerConfig.SERVING_BATCH_MAX_DELAY_US;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_BATCH_MAX_RECORDS;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_GRPC_PORT;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_HOST;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_MAX_REQUEST_BYTES;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_MODELS;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_REST_PORT;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_TLS_KEYSTORE;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_TLS_PASSWORD;
import static dev.inferstream.streaming.config.ScorerConfig.SERVING_TLS_TYPE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code scorer.serving.*} keys into a {@link ServingConfig}, adding every problem found. */
final class ServingKeys {
    static final String MODEL_PREFIX = "scorer.serving.model.";
    static final Set<String> KEYS = Set.of(
            SERVING_REST_PORT,
            SERVING_GRPC_PORT,
            SERVING_HOST,
            SERVING_MODELS,
            SERVING_BATCH_MAX_RECORDS,
            SERVING_BATCH_MAX_DELAY_US,
            SERVING_MAX_REQUEST_BYTES,
            SERVING_TLS_KEYSTORE,
            SERVING_TLS_PASSWORD,
            SERVING_TLS_TYPE);

    private ServingKeys() {}

    static ServingConfig parse(Map<String, Object> all, List<RouteConfig> routes, List<String> problems) {
        int rest = ScorerConfig.integer(all, SERVING_REST_PORT, -1, -1, 65535, problems);
        int grpc = ScorerConfig.integer(all, SERVING_GRPC_PORT, -1, -1, 65535, problems);
        if (rest > 0 && rest == grpc) {
            problems.add(SERVING_REST_PORT + " and " + SERVING_GRPC_PORT + " are both " + rest + "; give each its own");
        }
        int batch = ScorerConfig.integer(all, SERVING_BATCH_MAX_RECORDS, 64, 1, 100_000, problems);
        int delayUs = ScorerConfig.integer(all, SERVING_BATCH_MAX_DELAY_US, 0, 0, 10_000_000, problems);
        long maxBytes = ScorerConfig.longValue(all, SERVING_MAX_REQUEST_BYTES, 4L * 1024 * 1024, problems);
        if (maxBytes > Integer.MAX_VALUE) {
            problems.add(SERVING_MAX_REQUEST_BYTES + " must be at most " + Integer.MAX_VALUE);
        }
        String host =
                Optional.ofNullable(ScorerConfig.string(all, SERVING_HOST)).orElse("0.0.0.0");
        List<ServingConfig.ServedModel> models = models(all, routes, problems, rest >= 0 || grpc >= 0);
        return new ServingConfig(
                rest, grpc, host, models, batch, Duration.ofNanos(delayUs * 1000L), maxBytes, tls(all, problems));
    }

    private static List<ServingConfig.ServedModel> models(
            Map<String, Object> all, List<RouteConfig> routes, List<String> problems, boolean enabled) {
        Set<String> names = new LinkedHashSet<>();
        String listed = ScorerConfig.string(all, SERVING_MODELS);
        if (listed != null) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        } else {
            routes.forEach(r -> names.add(r.model()));
        }
        for (String key : all.keySet()) {
            if (key.startsWith(MODEL_PREFIX)) {
                String rest = key.substring(MODEL_PREFIX.length());
                String model = rest.contains(".") ? rest.substring(0, rest.lastIndexOf('.')) : rest;
                if (!names.contains(model)) {
                    problems.add(key + " configures model '" + model + "', which is not served (" + SERVING_MODELS
                            + " lists " + names + ")");
                }
            }
        }
        if (enabled && names.isEmpty()) {
            problems.add(SERVING_MODELS + " names no model: list the models to answer for, e.g. " + SERVING_MODELS
                    + "=fraud");
        }
        List<ServingConfig.ServedModel> models = new ArrayList<>();
        for (String name : names) {
            RouteConfig route = routes.stream()
                    .filter(r -> r.model().equals(name))
                    .findFirst()
                    .orElse(null);
            String p = MODEL_PREFIX + name + ".";
            String version = Optional.ofNullable(ScorerConfig.string(all, p + "version"))
                    .orElse(route == null ? "latest" : route.version());
            if (!version.equals("latest") && !version.matches("[1-9][0-9]*")) {
                problems.add(p + "version must be a positive version number or 'latest', not '" + version + "'");
            }
            if (route != null && !route.version().equals(version)) {
                problems.add(p + "version " + version + " differs from route '" + route.name() + "' (version "
                        + route.version() + "): one scorer serves one deployment per model");
            }
            String shadow = Optional.ofNullable(ScorerConfig.string(all, p + "shadow"))
                    .orElse(route == null ? null : route.shadow());
            models.add(
                    new ServingConfig.ServedModel(name, version, shadow, ScorerConfig.string(all, p + "request-log")));
        }
        return models;
    }

    private static Optional<ServingConfig.Tls> tls(Map<String, Object> all, List<String> problems) {
        String location = ScorerConfig.string(all, SERVING_TLS_KEYSTORE);
        if (location == null) {
            return Optional.empty();
        }
        Path store = Path.of(location);
        if (!Files.isReadable(store)) {
            problems.add(SERVING_TLS_KEYSTORE + " " + location + " is not a readable file (a PKCS12 key store with the "
                    + "server's key and certificate chain)");
        }
        String password = ScorerConfig.string(all, SERVING_TLS_PASSWORD);
        if (password == null) {
            problems.add(SERVING_TLS_PASSWORD + " is required with " + SERVING_TLS_KEYSTORE);
        }
        String type =
                Optional.ofNullable(ScorerConfig.string(all, SERVING_TLS_TYPE)).orElse("PKCS12");
        return Optional.of(new ServingConfig.Tls(store, password == null ? "" : password, type));
    }
}
