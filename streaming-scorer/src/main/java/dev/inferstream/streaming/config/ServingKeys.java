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
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/** Reads the {@code scorer.serving.*} keys into a {@link ServingConfig}, adding every problem found. */
final class ServingKeys {
    static final String MODEL_PREFIX = "scorer.serving.model.";

    private ServingKeys() {}

    static ServingConfig parse(
            Map<String, String> all, AbstractConfig keys, List<RouteConfig> routes, List<String> problems) {
        int rest = keys.getInt(SERVING_REST_PORT);
        int grpc = keys.getInt(SERVING_GRPC_PORT);
        if (rest > 0 && rest == grpc) {
            problems.add(SERVING_REST_PORT + " and " + SERVING_GRPC_PORT + " are both " + rest + "; give each its own");
        }
        List<ServingConfig.ServedModel> models = models(all, keys, routes, problems, rest >= 0 || grpc >= 0);
        return new ServingConfig(
                rest,
                grpc,
                keys.getString(SERVING_HOST),
                models,
                keys.getInt(SERVING_BATCH_MAX_RECORDS),
                Duration.ofNanos(keys.getInt(SERVING_BATCH_MAX_DELAY_US) * 1000L),
                keys.getLong(SERVING_MAX_REQUEST_BYTES),
                tls(keys, problems));
    }

    private static List<ServingConfig.ServedModel> models(
            Map<String, String> all,
            AbstractConfig keys,
            List<RouteConfig> routes,
            List<String> problems,
            boolean enabled) {
        Set<String> names = new LinkedHashSet<>();
        List<String> listed = keys.getList(SERVING_MODELS);
        if (listed != null) {
            for (String name : listed) {
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
            AbstractConfig model =
                    KeyCheck.check(ScorerKeys.SERVED_MODEL, p, all, key -> key + " is required", problems);
            String version =
                    Optional.ofNullable(model.getString("version")).orElse(route == null ? "latest" : route.version());
            if (route != null && !route.version().equals(version)) {
                problems.add(p + "version " + version + " differs from route '" + route.name() + "' (version "
                        + route.version() + "): one scorer serves one deployment per model");
            }
            String shadow =
                    Optional.ofNullable(model.getString("shadow")).orElse(route == null ? null : route.shadow());
            models.add(new ServingConfig.ServedModel(name, version, shadow, model.getString("request-log")));
        }
        return models;
    }

    private static Optional<ServingConfig.Tls> tls(AbstractConfig keys, List<String> problems) {
        String location = keys.getString(SERVING_TLS_KEYSTORE);
        if (location == null) {
            return Optional.empty();
        }
        Path store = Path.of(location);
        if (!Files.isReadable(store)) {
            problems.add(SERVING_TLS_KEYSTORE + " " + location + " is not a readable file (a PKCS12 key store with the "
                    + "server's key and certificate chain)");
        }
        Password secret = keys.getPassword(SERVING_TLS_PASSWORD);
        String password = secret == null ? null : secret.value();
        if (password == null) {
            problems.add(SERVING_TLS_PASSWORD + " is required with " + SERVING_TLS_KEYSTORE);
        }
        String type = keys.getString(SERVING_TLS_TYPE);
        return Optional.of(new ServingConfig.Tls(store, password == null ? "" : password, type));
    }
}
