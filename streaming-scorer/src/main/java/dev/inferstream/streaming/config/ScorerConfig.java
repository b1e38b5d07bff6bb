/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

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
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streaming scorer's configuration, read once from a properties file and validated. Every Kafka Streams and
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

    private static final Set<String> ROUTE_KEYS =
            Set.of("input", "model", "version", "output", "dead-letter", "shadow", "feedback", "explain");
    private static final Set<String> SERVED_MODEL_KEYS = Set.of("version", "shadow", "request-log");

    public static ScorerConfig load(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return from(props);
    }

    /** Validates {@code props}; every problem found is reported at once. */
    public static ScorerConfig from(Properties props) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> all = new HashMap<>();
        props.stringPropertyNames().forEach(k -> all.put(k, props.getProperty(k).trim()));

        for (String required : List.of(
                StreamsConfig.APPLICATION_ID_CONFIG,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                RegistryConfig.URL,
                MODEL_REPOSITORY)) {
            if (blank(all.get(required))) {
                problems.add(required + " is required" + hint(required));
            }
        }
        RegistryConfig registry = null;
        if (!blank(all.get(RegistryConfig.URL))) {
            try {
                registry = RegistryConfig.fromProperties(all);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        List<RouteConfig> routes = routes(all, problems);
        ServingConfig serving = ServingKeys.parse(all, routes, problems);
        if (routes.isEmpty() && !serving.enabled() && problems.stream().noneMatch(p -> p.startsWith(ROUTES))) {
            problems.add(ROUTES + " is required" + hint(ROUTES) + ", unless " + SERVING_REST_PORT + " or "
                    + SERVING_GRPC_PORT + " serves requests");
        }
        int batch = integer(all, BATCH_MAX_RECORDS, 64, 1, 100_000, problems);
        int waitMs = integer(all, BATCH_MAX_WAIT_MS, 5, 0, 60_000, problems);
        int threads = integer(all, INFERENCE_THREADS, 1, 1, 64, problems);
        int adminPort = integer(all, ADMIN_PORT, 8080, -1, 65535, problems);
        int pollMs = integer(all, MODEL_POLL_INTERVAL_MS, 30_000, 0, Integer.MAX_VALUE, problems);
        int statusMs = integer(all, STATUS_INTERVAL_MS, 10_000, 0, Integer.MAX_VALUE, problems);
        int driftWindow = integer(all, DRIFT_WINDOW_RECORDS, 10_000, 0, Integer.MAX_VALUE, problems);
        if (driftWindow > 0 && driftWindow < 10) {
            problems.add(DRIFT_WINDOW_RECORDS + " must be 0 (off) or at least 10, not " + driftWindow);
        }
        double psi = decimal(all, DRIFT_PSI_THRESHOLD, 0.2, problems);
        long feedbackWindow =
                longValue(all, FEEDBACK_WINDOW_MS, Duration.ofDays(7).toMillis(), problems);
        int qualityMs = integer(all, QUALITY_INTERVAL_MS, 10_000, 100, Integer.MAX_VALUE, problems);
        int controllerMs = integer(all, CONTROLLER_INTERVAL_MS, 5_000, 0, Integer.MAX_VALUE, problems);
        for (String key : all.keySet()) {
            if (key.startsWith(PREFIX) && !known(key)) {
                problems.add("unknown key " + key + " (scorer keys: " + MODEL_REPOSITORY + ", " + ROUTES
                        + ", scorer.route.<name>.{input,model,version,output,dead-letter,shadow,feedback,explain}, "
                        + BATCH_MAX_RECORDS
                        + ", " + BATCH_MAX_WAIT_MS + ", " + INFERENCE_THREADS + ", " + ADMIN_PORT + ", " + SCORER_ID
                        + ", " + MODEL_POLL_INTERVAL_MS + ", " + CONTROL_TOPIC + ", " + STATUS_TOPIC + ", "
                        + STATUS_INTERVAL_MS + ", " + DRIFT_WINDOW_RECORDS + ", " + DRIFT_PSI_THRESHOLD + ", "
                        + ALERTS_TOPIC + ", " + AUDIT_TOPIC + ", " + FEEDBACK_WINDOW_MS + ", " + QUALITY_TOPIC + ", "
                        + QUALITY_INTERVAL_MS + ", " + CONTROLLER_INTERVAL_MS + ", scorer.serving.{rest.port,grpc.port,"
                        + "host,models,batch.max.records,batch.max.delay.us,max.request.bytes,tls.keystore.location,"
                        + "tls.keystore.password,tls.keystore.type}, scorer.serving.model.<name>.{version,shadow,"
                        + "request-log})");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid scorer configuration:\n  - " + String.join("\n  - ", problems));
        }

        Properties streams = new Properties();
        all.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                streams.put(k, v);
            }
        });
        streams.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
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
        String scorerId = blank(all.get(SCORER_ID))
                ? defaultScorerId()
                : all.get(SCORER_ID).toString();
        String control = blank(all.get(CONTROL_TOPIC))
                ? DEFAULT_CONTROL_TOPIC
                : all.get(CONTROL_TOPIC).toString();
        String status = blank(all.get(STATUS_TOPIC))
                ? DEFAULT_STATUS_TOPIC
                : all.get(STATUS_TOPIC).toString();
        return new ScorerConfig(
                streams,
                registry,
                all.get(MODEL_REPOSITORY).toString(),
                routes,
                batch,
                Duration.ofMillis(waitMs),
                threads,
                adminPort,
                scorerId,
                Duration.ofMillis(pollMs),
                control,
                status,
                Duration.ofMillis(statusMs),
                new MonitoringConfig(
                        driftWindow,
                        psi,
                        blank(all.get(ALERTS_TOPIC))
                                ? DEFAULT_ALERTS_TOPIC
                                : all.get(ALERTS_TOPIC).toString(),
                        Optional.ofNullable(string(all, AUDIT_TOPIC))),
                new FeedbackConfig(
                        Duration.ofMillis(feedbackWindow),
                        blank(all.get(QUALITY_TOPIC))
                                ? DEFAULT_QUALITY_TOPIC
                                : all.get(QUALITY_TOPIC).toString(),
                        Duration.ofMillis(qualityMs)),
                Duration.ofMillis(controllerMs),
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

    private static List<RouteConfig> routes(Map<String, Object> all, List<String> problems) {
        List<RouteConfig> routes = new ArrayList<>();
        if (blank(all.get(ROUTES))) {
            return routes;
        }
        Set<String> inputs = new LinkedHashSet<>();
        boolean named = false;
        for (String name : all.get(ROUTES).toString().split(",")) {
            name = name.trim();
            if (name.isEmpty()) {
                continue;
            }
            named = true;
            String p = "scorer.route." + name + ".";
            String input = string(all, p + "input");
            String model = string(all, p + "model");
            String output = string(all, p + "output");
            List<String> missing = List.of("input", "model", "output").stream()
                    .filter(key -> blank(all.get(p + key)))
                    .map(key -> p + key)
                    .toList();
            if (!missing.isEmpty()) {
                problems.add("route '" + name + "' is incomplete: set " + String.join(", ", missing)
                        + " (the input topic, the model's name in the repository, the prediction topic)");
            }
            if (input == null || model == null || output == null) {
                continue;
            }
            if (!inputs.add(input)) {
                problems.add("route '" + name + "' reads " + input + ", which another route reads already: "
                        + "one input topic feeds one model (use separate scorers or topics for several)");
            }
            String version = all.getOrDefault(p + "version", "latest").toString();
            if (!version.equals("latest") && !version.matches("[1-9][0-9]*")) {
                problems.add(p + "version must be a positive version number or 'latest', not '" + version + "'");
            }
            String deadLetter =
                    all.getOrDefault(p + "dead-letter", input + ".dlq").toString();
            String shadow = all.getOrDefault(p + "shadow", output + ".shadow").toString();
            if (output.equals(input) || deadLetter.equals(input)) {
                problems.add("route '" + name + "' writes to its own input topic " + input);
            }
            routes.add(new RouteConfig(
                    name,
                    input,
                    model,
                    version,
                    output,
                    deadLetter,
                    shadow,
                    string(all, p + "feedback"),
                    RouteExplain.topK(string(all, p + "explain"), p + "explain", problems)));
        }
        if (!named) {
            problems.add(ROUTES + " names no route: list route names, e.g. scorer.routes=fraud");
        }
        return routes;
    }

    private static boolean known(String key) {
        if (key.startsWith(ServingKeys.MODEL_PREFIX)) {
            String rest = key.substring(ServingKeys.MODEL_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            return dot > 0 && SERVED_MODEL_KEYS.contains(rest.substring(dot + 1));
        }
        if (key.startsWith("scorer.route.")) {
            String rest = key.substring("scorer.route.".length());
            int dot = rest.lastIndexOf('.');
            return dot > 0 && ROUTE_KEYS.contains(rest.substring(dot + 1));
        }
        return Set.of(
                                MODEL_REPOSITORY,
                                ROUTES,
                                BATCH_MAX_RECORDS,
                                BATCH_MAX_WAIT_MS,
                                INFERENCE_THREADS,
                                ADMIN_PORT,
                                SCORER_ID,
                                MODEL_POLL_INTERVAL_MS,
                                CONTROL_TOPIC,
                                STATUS_TOPIC,
                                STATUS_INTERVAL_MS,
                                DRIFT_WINDOW_RECORDS,
                                DRIFT_PSI_THRESHOLD,
                                ALERTS_TOPIC,
                                AUDIT_TOPIC,
                                FEEDBACK_WINDOW_MS,
                                QUALITY_TOPIC,
                                QUALITY_INTERVAL_MS,
                                CONTROLLER_INTERVAL_MS)
                        .contains(key)
                || ServingKeys.KEYS.contains(key);
    }

    static int integer(Map<String, Object> all, String key, int fallback, int min, int max, List<String> problems) {
        Object value = all.get(key);
        if (blank(value)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.toString());
            if (n < min || n > max) {
                problems.add(key + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, not '" + value + "'");
            return fallback;
        }
    }

    static long longValue(Map<String, Object> all, String key, long fallback, List<String> problems) {
        Object value = all.get(key);
        if (blank(value)) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.toString());
            if (n < 1) {
                problems.add(key + " must be positive, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number of milliseconds, not '" + value + "'");
            return fallback;
        }
    }

    private static double decimal(Map<String, Object> all, String key, double fallback, List<String> problems) {
        Object value = all.get(key);
        if (blank(value)) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.toString());
            if (!(d > 0) || Double.isInfinite(d)) {
                problems.add(key + " must be a positive number, not " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a number, not '" + value + "'");
            return fallback;
        }
    }

    static String string(Map<String, Object> all, String key) {
        Object value = all.get(key);
        return blank(value) ? null : value.toString();
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
