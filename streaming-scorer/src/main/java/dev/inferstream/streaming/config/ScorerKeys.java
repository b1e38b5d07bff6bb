/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static dev.inferstream.streaming.config.ScorerConfig.ADMIN_PORT;
import static dev.inferstream.streaming.config.ScorerConfig.ALERTS_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.AUDIT_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.BATCH_MAX_RECORDS;
import static dev.inferstream.streaming.config.ScorerConfig.BATCH_MAX_WAIT_MS;
import static dev.inferstream.streaming.config.ScorerConfig.CONTROLLER_INTERVAL_MS;
import static dev.inferstream.streaming.config.ScorerConfig.CONTROL_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.DEFAULT_ALERTS_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.DEFAULT_CONTROL_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.DEFAULT_QUALITY_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.DEFAULT_STATUS_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.DRIFT_PSI_THRESHOLD;
import static dev.inferstream.streaming.config.ScorerConfig.DRIFT_WINDOW_RECORDS;
import static dev.inferstream.streaming.config.ScorerConfig.FEEDBACK_WINDOW_MS;
import static dev.inferstream.streaming.config.ScorerConfig.INFERENCE_THREADS;
import static dev.inferstream.streaming.config.ScorerConfig.MODEL_POLL_INTERVAL_MS;
import static dev.inferstream.streaming.config.ScorerConfig.MODEL_REPOSITORY;
import static dev.inferstream.streaming.config.ScorerConfig.QUALITY_INTERVAL_MS;
import static dev.inferstream.streaming.config.ScorerConfig.QUALITY_TOPIC;
import static dev.inferstream.streaming.config.ScorerConfig.ROUTES;
import static dev.inferstream.streaming.config.ScorerConfig.SCORER_ID;
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
import static dev.inferstream.streaming.config.ScorerConfig.STATUS_INTERVAL_MS;
import static dev.inferstream.streaming.config.ScorerConfig.STATUS_TOPIC;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The definitions of the scorer's own keys (type, default, validator, documentation): the one source of the
 * start-up checks and of README's configuration tables. Route and served-model keys are defined once for every
 * route and model, by their last part.
 */
final class ScorerKeys {
    static final String GROUP_SCORER = "scorer";
    static final String GROUP_SERVING = "serving";
    static final String ROUTE_PREFIX = "scorer.route.";

    /** The keys with fixed names, in README's order. */
    static final ConfigDef SCORER = new ConfigDef();
    /** The keys of one route, {@code scorer.route.<r>.<key>}. */
    static final ConfigDef ROUTE = new ConfigDef();
    /** The keys of one served model, {@code scorer.serving.model.<m>.<key>}. */
    static final ConfigDef SERVED_MODEL = new ConfigDef();

    static {
        scorer(
                MODEL_REPOSITORY,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                null,
                "folder, `file:` or `http(s):` URL of the model repository",
                null);
        scorer(
                ROUTES,
                Type.LIST,
                null,
                null,
                "comma-separated route names",
                "— (required unless [requests are served](#requestresponse-api))");
        scorer(
                BATCH_MAX_RECORDS,
                Type.INT,
                64,
                KeyRules.between(1, 100_000),
                "micro-batch size: records scored in one ONNX Runtime call; `1` scores each record on arrival",
                null);
        scorer(
                BATCH_MAX_WAIT_MS,
                Type.INT,
                5,
                KeyRules.between(0, 60_000),
                "the longest a record waits for its batch to fill (see [Micro-batching](#micro-batching) for "
                        + "`poll.ms`)",
                null);
        scorer(INFERENCE_THREADS, Type.INT, 1, KeyRules.between(1, 64), "intra-op threads per inference call", null);
        scorer(
                MODEL_POLL_INTERVAL_MS,
                Type.INT,
                30_000,
                KeyRules.between(0, Integer.MAX_VALUE),
                "how often `latest` routes look for a new version (0: never)",
                null);
        scorer(
                ADMIN_PORT,
                Type.INT,
                8080,
                KeyRules.between(-1, 65535),
                "health and metrics port (0: any free port, -1: off)",
                null);
        scorer(
                CONTROL_TOPIC,
                Type.STRING,
                DEFAULT_CONTROL_TOPIC,
                null,
                "compacted topic of `Deployment` records (key: model name), followed live; created (with "
                        + "`<topic>.history`) when missing",
                null);
        scorer(
                STATUS_TOPIC,
                Type.STRING,
                DEFAULT_STATUS_TOPIC,
                null,
                "compacted topic this instance reports its status to (applied revision, shadow agreement), read by "
                        + "`scorerctl status`",
                null);
        scorer(
                STATUS_INTERVAL_MS,
                Type.INT,
                10_000,
                KeyRules.between(0, Integer.MAX_VALUE),
                "how often the status is reported (0: never)",
                null);
        scorer(
                DRIFT_WINDOW_RECORDS,
                Type.INT,
                10_000,
                KeyRules.offOrAtLeast(10),
                "records per drift window (0: drift detection off)",
                null);
        scorer(
                DRIFT_PSI_THRESHOLD,
                Type.DOUBLE,
                0.2,
                KeyRules.positiveNumber(),
                "a PSI above it raises a drift alert",
                null);
        scorer(ALERTS_TOPIC, Type.STRING, DEFAULT_ALERTS_TOPIC, null, "where alerts go (created when missing)", null);
        scorer(
                AUDIT_TOPIC,
                Type.STRING,
                null,
                null,
                "when set, one `Audit` record per prediction goes there (the topic must exist)",
                null);
        scorer(
                FEEDBACK_WINDOW_MS,
                Type.LONG,
                Duration.ofDays(7).toMillis(),
                KeyRules.positive(),
                "how long a prediction waits for its feedback",
                "`604800000` (7 days)");
        scorer(
                QUALITY_TOPIC,
                Type.STRING,
                DEFAULT_QUALITY_TOPIC,
                null,
                "compacted topic of quality statistics (created when missing)",
                null);
        scorer(
                QUALITY_INTERVAL_MS,
                Type.INT,
                10_000,
                KeyRules.between(100, Integer.MAX_VALUE),
                "how often quality statistics are published",
                null);
        scorer(
                CONTROLLER_INTERVAL_MS,
                Type.INT,
                5_000,
                KeyRules.between(0, Integer.MAX_VALUE),
                "how often the rollout controller decides (gated canaries, bandits); 0: this instance never leads",
                null);
        scorer(SCORER_ID, Type.STRING, null, null, "this instance's name in predictions and dead letters", "host-pid");

        serving(
                SERVING_REST_PORT,
                Type.INT,
                -1,
                KeyRules.between(-1, 65535),
                "REST (HTTP/1.1, keep-alive) port; `0`: any free port",
                "`-1` (off)");
        serving(
                SERVING_GRPC_PORT,
                Type.INT,
                -1,
                KeyRules.between(-1, 65535),
                "gRPC port; `0`: any free port",
                "`-1` (off)");
        serving(SERVING_HOST, Type.STRING, "0.0.0.0", null, "address both ports bind", null);
        serving(SERVING_MODELS, Type.LIST, null, null, "comma-separated models answered for", "the routes' models");
        serving(
                SERVING_BATCH_MAX_RECORDS,
                Type.INT,
                64,
                KeyRules.between(1, 100_000),
                "dynamic batching: rows of concurrent requests scored in one ONNX Runtime call; `1` turns batching "
                        + "off",
                null);
        serving(
                SERVING_BATCH_MAX_DELAY_US,
                Type.INT,
                0,
                KeyRules.between(0, 10_000_000),
                "how long the oldest waiting request waits for others (0: only requests already waiting join)",
                null);
        serving(
                SERVING_MAX_REQUEST_BYTES,
                Type.LONG,
                4L * 1024 * 1024,
                KeyRules.between(1, Integer.MAX_VALUE),
                "larger bodies get 413 (REST) / `RESOURCE_EXHAUSTED` (gRPC)",
                null);
        serving(
                SERVING_TLS_KEYSTORE,
                Type.STRING,
                null,
                null,
                "serve both ports over TLS with this key and certificate chain (a PKCS12 key store)",
                null);
        serving(
                SERVING_TLS_PASSWORD,
                Type.PASSWORD,
                null,
                null,
                "the key store's password (required with a key store)",
                null);
        serving(SERVING_TLS_TYPE, Type.STRING, "PKCS12", null, "the key store's type", null);

        define(
                ROUTE,
                "input",
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                null,
                GROUP_SCORER,
                "input topic (Avro, Confluent wire format)",
                null);
        define(
                ROUTE,
                "model",
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                null,
                GROUP_SCORER,
                "model name in the repository",
                null);
        define(
                ROUTE,
                "version",
                Type.STRING,
                "latest",
                KeyRules.version(),
                GROUP_SCORER,
                "version served at start; `latest` serves the newest and follows new publications",
                null);
        define(ROUTE, "output", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, null, GROUP_SCORER, "prediction topic", null);
        define(ROUTE, "dead-letter", Type.STRING, null, null, GROUP_SCORER, "dead-letter topic", "`<input>.dlq`");
        define(
                ROUTE,
                "shadow",
                Type.STRING,
                null,
                null,
                GROUP_SCORER,
                "topic for shadow versions' predictions; created at start-up when missing (see "
                        + "[Shadow topics](#shadow-topics))",
                "`<output>.shadow`");
        define(
                ROUTE,
                "feedback",
                Type.STRING,
                null,
                null,
                GROUP_SCORER,
                "topic of observed outcomes (`Feedback`) joined to this route's predictions; see "
                        + "[Closed loop](#closed-loop)",
                null);
        define(
                ROUTE,
                "explain",
                Type.STRING,
                "off",
                KeyRules.explain(),
                GROUP_SCORER,
                "`top-<k>` or `all`: each prediction (and its audit record) carries its k largest attributions; see "
                        + "[Explainability](#explainability)",
                null);

        define(
                SERVED_MODEL,
                "version",
                Type.STRING,
                null,
                KeyRules.version(),
                GROUP_SERVING,
                "version served at start; `latest` follows new publications (until the control topic takes over)",
                "the route's, else `latest`");
        define(
                SERVED_MODEL,
                "shadow",
                Type.STRING,
                null,
                null,
                GROUP_SERVING,
                "where shadow versions' predictions of requests go; without one they are scored and compared "
                        + "(metrics), not written",
                "the route's shadow topic");
        define(
                SERVED_MODEL,
                "request-log",
                Type.STRING,
                null,
                null,
                GROUP_SERVING,
                "when set, every request's predictions are written there as `Prediction` records (the topic must "
                        + "exist)",
                null);
    }

    private ScorerKeys() {}

    /** Every scorer key, route and served-model keys as patterns, for the message about an unknown key. */
    static List<String> summary() {
        return List.of(
                String.join(", ", SCORER.names()),
                ROUTE_PREFIX + "<name>.{" + String.join(",", ROUTE.names()) + "}",
                ServingKeys.MODEL_PREFIX + "<name>.{" + String.join(",", SERVED_MODEL.names()) + "}");
    }

    private static void scorer(
            String name, Type type, Object fallback, Validator validator, String doc, String shownDefault) {
        define(SCORER, name, type, fallback, validator, GROUP_SCORER, doc, shownDefault);
    }

    private static void serving(
            String name, Type type, Object fallback, Validator validator, String doc, String shownDefault) {
        define(SCORER, name, type, fallback, validator, GROUP_SERVING, doc, shownDefault);
    }

    private static void define(
            ConfigDef def,
            String name,
            Type type,
            Object fallback,
            Validator validator,
            String group,
            String doc,
            String shownDefault) {
        def.define(
                name,
                type,
                fallback,
                validator,
                fallback == ConfigDef.NO_DEFAULT_VALUE ? Importance.HIGH : Importance.MEDIUM,
                doc,
                group,
                def.configKeys().size(),
                Width.NONE,
                name,
                List.of(),
                null,
                shownDefault);
    }
}
