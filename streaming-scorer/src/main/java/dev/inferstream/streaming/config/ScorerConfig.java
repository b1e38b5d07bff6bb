/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import dev.inferstream.model.envelope.Explanations;
import dev.inferstream.schemas.registry.RegistryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streaming scorer's configuration, read once from a properties file and validated against {@link ScorerKeys}
 * (Kafka's {@code ConfigDef}: type, default, validator and documentation of each key). Every Kafka Streams and
 * client key passes through to Kafka Streams unchanged; the scorer's own keys start with {@code scorer.}.
 *
 * <pre>{@code
 * application.id=fraud-scorer
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * scorer.model.repository=/models
 * scorer.routes=fraud
 * scorer.route.fraud.input=transactions
 * scorer.route.fraud.model=fraud
 * scorer.route.fraud.output=fraud-predictions
 * }</pre>
 */
public record ScorerConfig(
        Properties streams,
        RegistryConfig registry,
        String modelRepository,
        List<RouteConfig> routes,
        int batchMaxRecords,
        Duration batchMaxWait,
        int inferenceThreads,
        int adminPort,
        String scorerId,
        Duration modelPollInterval,
        String controlTopic,
        String statusTopic,
        Duration statusInterval,
        MonitoringConfig monitoring,
        FeedbackConfig feedback,
        Duration controllerInterval,
        ServingConfig serving) {

    public static final String PREFIX = "scorer.";
    public static final String MODEL_REPOSITORY = "scorer.model.repository";
    public static final String ROUTES = "scorer.routes";
    public static final String BATCH_MAX_RECORDS = "scorer.batch.max.records";
    public static final String BATCH_MAX_WAIT_MS = "scorer.batch.max.wait.ms";
    public static final String INFERENCE_THREADS = "scorer.inference.threads";
    public static final String ADMIN_PORT = "scorer.admin.port";
    public static final String SCORER_ID = "scorer.id";
    public static final String MODEL_POLL_INTERVAL_MS = "scorer.model.poll.interval.ms";
    public static final String CONTROL_TOPIC = "scorer.control.topic";
    public static final String DEFAULT_CONTROL_TOPIC = "_scoring.deployments";
    public static final String STATUS_TOPIC = "scorer.status.topic";
    public static final String DEFAULT_STATUS_TOPIC = "_scoring.status";
    public static final String STATUS_INTERVAL_MS = "scorer.status.interval.ms";
    public static final String DRIFT_WINDOW_RECORDS = "scorer.drift.window.records";
    public static final String DRIFT_PSI_THRESHOLD = "scorer.drift.psi.threshold";
    public static final String ALERTS_TOPIC = "scorer.alerts.topic";
    public static final String DEFAULT_ALERTS_TOPIC = "_scoring.alerts";
    public static final String AUDIT_TOPIC = "scorer.audit.topic";
    public static final String FEEDBACK_WINDOW_MS = "scorer.feedback.window.ms";
    public static final String QUALITY_TOPIC = "scorer.quality.topic";
    public static final String DEFAULT_QUALITY_TOPIC = "_scoring.quality";
    public static final String QUALITY_INTERVAL_MS = "scorer.quality.interval.ms";
    public static final String CONTROLLER_INTERVAL_MS = "scorer.controller.interval.ms";
    public static final String SERVING_REST_PORT = "scorer.serving.rest.port";
    public static final String SERVING_GRPC_PORT = "scorer.serving.grpc.port";
    public static final String SERVING_HOST = "scorer.serving.host";
    public static final String SERVING_MODELS = "scorer.serving.models";
    public static final String SERVING_BATCH_MAX_RECORDS = "scorer.serving.batch.max.records";
    public static final String SERVING_BATCH_MAX_DELAY_US = "scorer.serving.batch.max.delay.us";
    public static final String SERVING_MAX_REQUEST_BYTES = "scorer.serving.max.request.bytes";
    public static final String SERVING_TLS_KEYSTORE = "scorer.serving.tls.keystore.location";
    public static final String SERVING_TLS_PASSWORD = "scorer.serving.tls.keystore.password";
    public static final String SERVING_TLS_TYPE = "scorer.serving.tls.keystore.type";

    /** Kafka Streams' own default for {@code poll.ms}. */
    static final long DEFAULT_POLL_MS = 100;
    /** Kafka Streams' minimum; its default is ten minutes. */
    static final long PROBING_REBALANCE_MS = 60_000;

    public static ScorerConfig load(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return from(props);
    }

    /** Validates {@code props} against {@link ScorerKeys}; every problem found is reported at once. */
    public static ScorerConfig from(Properties props) {
        List<String> problems = new ArrayList<>();
        Map<String, String> all = new HashMap<>();
        props.stringPropertyNames().forEach(k -> all.put(k, props.getProperty(k).trim()));

        for (String required : List.of(
                StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryConfig.URL)) {
            if (blank(all.get(required))) {
                problems.add(required + " is required" + hint(required));
            }
        }
        AbstractConfig keys =
                KeyCheck.check(ScorerKeys.SCORER, "", all, key -> key + " is required" + hint(key), problems);
        RegistryConfig registry = null;
        if (!blank(all.get(RegistryConfig.URL))) {
            try {
                registry = RegistryConfig.fromProperties(all);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        List<RouteConfig> routes = routes(all, keys.getList(ROUTES), problems);
        ServingConfig serving = ServingKeys.parse(all, keys, routes, problems);
        if (routes.isEmpty() && !serving.enabled() && problems.stream().noneMatch(p -> p.startsWith(ROUTES))) {
            problems.add(ROUTES + " is required" + hint(ROUTES) + ", unless " + SERVING_REST_PORT + " or "
                    + SERVING_GRPC_PORT + " serves requests");
        }
        for (String key : all.keySet()) {
            if (key.startsWith(PREFIX) && !known(key)) {
                problems.add("unknown key " + key + " (scorer keys: " + String.join(", ", ScorerKeys.summary()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid scorer configuration:\n  - " + String.join("\n  - ", problems));
        }

        int batch = keys.getInt(BATCH_MAX_RECORDS);
        int waitMs = keys.getInt(BATCH_MAX_WAIT_MS);
        Properties streams = new Properties();
        all.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                streams.put(k, v);
            }
        });
        streams.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a joining instance warms its tasks' stores up, then takes them at the next probing rebalance: every
        // minute instead of every ten, so adding an instance adds throughput within a minute or two
        streams.putIfAbsent(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, Long.toString(PROBING_REBALANCE_MS));
        if (routes.stream().anyMatch(r -> r.feedback() != null)) {
            // a feedback join task reads predictions and feedback: wait briefly for both, so feedback is not judged
            // before a prediction that is merely not fetched yet (scoring tasks read one partition: unaffected)
            streams.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "500");
        }
        if (batch > 1) {
            // the stream thread runs the batch's wall-clock tick only between polls: never block longer than a tick
            long tick = Math.max(1, waitMs / 2);
            streams.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, Long.toString(Math.min(tick, DEFAULT_POLL_MS)));
        }
        if (!streams.containsKey(ProducerConfig.LINGER_MS_CONFIG)
                && !streams.containsKey(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))) {
            // Kafka Streams lets outputs linger 100 ms in the producer: no longer than records wait for their batch
            streams.put(
                    StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                    Long.toString(Math.max(1, Math.min(waitMs, DEFAULT_POLL_MS))));
        }
        String scorerId = keys.getString(SCORER_ID);
        return new ScorerConfig(
                streams,
                registry,
                keys.getString(MODEL_REPOSITORY),
                routes,
                batch,
                Duration.ofMillis(waitMs),
                keys.getInt(INFERENCE_THREADS),
                keys.getInt(ADMIN_PORT),
                scorerId == null ? defaultScorerId() : scorerId,
                millis(keys, MODEL_POLL_INTERVAL_MS),
                keys.getString(CONTROL_TOPIC),
                keys.getString(STATUS_TOPIC),
                millis(keys, STATUS_INTERVAL_MS),
                new MonitoringConfig(
                        keys.getInt(DRIFT_WINDOW_RECORDS),
                        keys.getDouble(DRIFT_PSI_THRESHOLD),
                        keys.getString(ALERTS_TOPIC),
                        Optional.ofNullable(keys.getString(AUDIT_TOPIC))),
                new FeedbackConfig(
                        Duration.ofMillis(keys.getLong(FEEDBACK_WINDOW_MS)),
                        keys.getString(QUALITY_TOPIC),
                        millis(keys, QUALITY_INTERVAL_MS)),
                millis(keys, CONTROLLER_INTERVAL_MS),
                serving);
    }

    /** How long the stream thread may block polling for input ({@code poll.ms}). */
    public long pollMs() {
        String pollMs = streams.getProperty(StreamsConfig.POLL_MS_CONFIG);
        return pollMs == null ? DEFAULT_POLL_MS : Long.parseLong(pollMs.trim());
    }

    public boolean exactlyOnce() {
        return streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).startsWith("exactly_once");
    }

    private static List<RouteConfig> routes(Map<String, String> all, List<String> names, List<String> problems) {
        List<RouteConfig> routes = new ArrayList<>();
        if (names == null) {
            return routes;
        }
        Set<String> inputs = new LinkedHashSet<>();
        boolean named = false;
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            named = true;
            String p = ScorerKeys.ROUTE_PREFIX + name + ".";
            List<String> missing = ScorerKeys.ROUTE.configKeys().values().stream()
                    .filter(key -> !key.hasDefault() && blank(all.get(p + key.name)))
                    .map(key -> p + key.name)
                    .toList();
            if (!missing.isEmpty()) {
                problems.add("route '" + name + "' is incomplete: set " + String.join(", ", missing)
                        + " (the input topic, the model's name in the repository, the prediction topic)");
                continue;
            }
            AbstractConfig route = KeyCheck.check(ScorerKeys.ROUTE, p, all, key -> key + " is required", problems);
            String input = route.getString("input");
            String output = route.getString("output");
            if (!inputs.add(input)) {
                problems.add("route '" + name + "' reads " + input + ", which another route reads already: "
                        + "one input topic feeds one model (use separate scorers or topics for several)");
            }
            String deadLetter =
                    Optional.ofNullable(route.getString("dead-letter")).orElse(input + ".dlq");
            String shadow = Optional.ofNullable(route.getString("shadow")).orElse(output + ".shadow");
            if (output.equals(input) || deadLetter.equals(input)) {
                problems.add("route '" + name + "' writes to its own input topic " + input);
            }
            routes.add(new RouteConfig(
                    name,
                    input,
                    route.getString("model"),
                    route.getString("version"),
                    output,
                    deadLetter,
                    shadow,
                    route.getString("feedback"),
                    Explanations.topK(route.getString("explain"))));
        }
        if (!named) {
            problems.add(ROUTES + " names no route: list route names, e.g. scorer.routes=fraud");
        }
        return routes;
    }

    private static boolean known(String key) {
        if (key.startsWith(ServingKeys.MODEL_PREFIX)) {
            return ScorerKeys.SERVED_MODEL.names().contains(lastPart(key, ServingKeys.MODEL_PREFIX));
        }
        if (key.startsWith(ScorerKeys.ROUTE_PREFIX)) {
            return ScorerKeys.ROUTE.names().contains(lastPart(key, ScorerKeys.ROUTE_PREFIX));
        }
        return ScorerKeys.SCORER.names().contains(key);
    }

    /** The key's part after {@code prefix + <name>.}, or null without a name. */
    private static String lastPart(String key, String prefix) {
        String rest = key.substring(prefix.length());
        int dot = rest.lastIndexOf('.');
        return dot > 0 ? rest.substring(dot + 1) : null;
    }

    private static Duration millis(AbstractConfig keys, String key) {
        return Duration.ofMillis(keys.getInt(key));
    }

    static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    private static String hint(String key) {
        return switch (key) {
            case RegistryConfig.URL -> " (the schema registry, e.g. http://localhost:8081)";
            case MODEL_REPOSITORY -> " (the folder or URL holding <model>/<version>/model.onnx)";
            case ROUTES -> " (route names, each configured with scorer.route.<name>.input/model/output)";
            default -> "";
        };
    }

    private static String defaultScorerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "scorer";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
