/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.config;

import dev.inferstream.control.ControlTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The console's settings, read once at start-up from a properties file, the environment and defaults; every
 * problem is reported at once ({@link ConfigException}).
 *
 * @param clientConfig Kafka client and registry settings ({@code bootstrap.servers}, {@code schema.registry.url},
 *     security keys), as scorerctl's {@code --client-config}
 * @param repository the model repository the scorers load from (a folder to publish into)
 * @param usersFile users, roles and password hashes; null with {@code proxyUserHeader} or for a first start, when
 *     the console writes one with a generated admin password into {@code workDir}
 * @param proxyUserHeader the header a reverse proxy sets to the authenticated user name; null: log-in form
 * @param proxyRoleHeader the header carrying the user's role from the proxy; null: every proxy user is a viewer
 * @param oipUrl the request/response endpoint of a scorer, for single predictions and load tests
 * @param scorerAdminUrls admin endpoints of the scorers, whose {@code /metrics} add drift and end-to-end latency
 * @param deadLetterTopics the dead-letter topics the monitoring page follows (the scorers' routes)
 * @param auditTopic where console actions (publishing, uploads, load tests, refusals) are recorded
 * @param workDir uploads, scored files and the generated users file
 * @param routes the scorers' topics and consumer group per model ({@code console.route.<model>.input},
 *     {@code .predictions}, {@code .group}), for the lag badge and load tests to the input topic
 */
public record ConsoleConfig(
        String host,
        int port,
        Properties clientConfig,
        String repository,
        ControlTopics topics,
        String alertsTopic,
        List<String> deadLetterTopics,
        String auditTopic,
        Path usersFile,
        String proxyUserHeader,
        String proxyRoleHeader,
        URI oipUrl,
        List<URI> scorerAdminUrls,
        Path workDir,
        Duration sessionTimeout,
        Duration refreshInterval,
        Map<String, ScorerRoute> routes) {
    public static final String HOST = "console.host";
    public static final String PORT = "console.port";
    public static final String REPOSITORY = "console.model.repository";
    public static final String CONTROL_TOPIC = "console.control.topic";
    public static final String STATUS_TOPIC = "console.status.topic";
    public static final String QUALITY_TOPIC = "console.quality.topic";
    public static final String ALERTS_TOPIC = "console.alerts.topic";
    public static final String DEAD_LETTER_TOPICS = "console.dead-letter.topics";
    public static final String AUDIT_TOPIC = "console.audit.topic";
    public static final String USERS_FILE = "console.users.file";
    public static final String PROXY_USER_HEADER = "console.auth.proxy.user-header";
    public static final String PROXY_ROLE_HEADER = "console.auth.proxy.role-header";
    public static final String OIP_URL = "console.scorer.oip.url";
    public static final String ADMIN_URLS = "console.scorer.admin.urls";
    public static final String WORK_DIR = "console.work.dir";
    public static final String SESSION_TIMEOUT_MINUTES = "console.session.timeout.minutes";
    public static final String REFRESH_MS = "console.refresh.ms";
    /** {@code console.route.<model>.input}, {@code .predictions} and {@code .group}. */
    public static final String ROUTE_PREFIX = "console.route.";

    public static final int DEFAULT_PORT = 8088;
    public static final String DEFAULT_ALERTS_TOPIC = "_scoring.alerts";
    public static final String DEFAULT_AUDIT_TOPIC = "_console.audit";

    public ConsoleConfig {
        deadLetterTopics = List.copyOf(deadLetterTopics);
        scorerAdminUrls = List.copyOf(scorerAdminUrls);
        routes = Map.copyOf(routes);
    }

    /**
     * Reads the settings from {@code file} (the {@code --config} properties, possibly empty), falling back to the
     * environment ({@code INFERSTREAM_BOOTSTRAP_SERVERS}, {@code INFERSTREAM_SCHEMA_REGISTRY_URL},
     * {@code INFERSTREAM_MODEL_REPOSITORY}) and the defaults.
     *
     * @throws ConfigException listing every problem
     */
    public static ConsoleConfig from(Properties file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Properties client = new Properties();
        file.forEach((k, v) -> {
            if (!k.toString().startsWith("console.")) {
                client.put(k, v);
            }
        });
        client.setProperty(
                "bootstrap.servers",
                first(
                        file.getProperty("bootstrap.servers"),
                        env.get("INFERSTREAM_BOOTSTRAP_SERVERS"),
                        "localhost:9092"));
        client.setProperty(
                "schema.registry.url",
                first(
                        file.getProperty("schema.registry.url"),
                        env.get("INFERSTREAM_SCHEMA_REGISTRY_URL"),
                        "http://localhost:8081"));
        String repository = first(file.getProperty(REPOSITORY), env.get("INFERSTREAM_MODEL_REPOSITORY"), "./models");
        int port = integer(file, PORT, DEFAULT_PORT, 0, 65_535, problems);
        ControlTopics topics = ControlTopics.forDeployments(
                        file.getProperty(CONTROL_TOPIC, ControlTopics.DEFAULT_DEPLOYMENTS))
                .withStatus(file.getProperty(STATUS_TOPIC, ControlTopics.DEFAULT_STATUS))
                .withQuality(file.getProperty(QUALITY_TOPIC, ControlTopics.DEFAULT_QUALITY));
        String users = file.getProperty(USERS_FILE);
        String proxyUser = blankToNull(file.getProperty(PROXY_USER_HEADER));
        String proxyRole = blankToNull(file.getProperty(PROXY_ROLE_HEADER));
        if (proxyRole != null && proxyUser == null) {
            problems.add(PROXY_ROLE_HEADER + " needs " + PROXY_USER_HEADER + " (the header with the user name)");
        }
        URI oip = uri(file.getProperty(OIP_URL, "http://127.0.0.1:8000"), OIP_URL, problems);
        List<URI> admin = new ArrayList<>();
        for (String url : list(file.getProperty(ADMIN_URLS, ""))) {
            admin.add(uri(url, ADMIN_URLS, problems));
        }
        int timeout = integer(file, SESSION_TIMEOUT_MINUTES, 480, 1, 10_080, problems);
        int refresh = integer(file, REFRESH_MS, 2_000, 200, 600_000, problems);
        Map<String, ScorerRoute> routes = routes(file, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ConsoleConfig(
                file.getProperty(HOST, "127.0.0.1"),
                port,
                client,
                repository,
                topics,
                file.getProperty(ALERTS_TOPIC, DEFAULT_ALERTS_TOPIC),
                list(file.getProperty(DEAD_LETTER_TOPICS, "")),
                file.getProperty(AUDIT_TOPIC, DEFAULT_AUDIT_TOPIC),
                users == null || users.isBlank() ? null : Path.of(users.trim()),
                proxyUser,
                proxyRole,
                oip,
                admin,
                Path.of(file.getProperty(WORK_DIR, "console-work")).toAbsolutePath(),
                Duration.ofMinutes(timeout),
                Duration.ofMillis(refresh),
                routes);
    }

    /** A copy listening on {@code port} (0: a free one). */
    public ConsoleConfig withPort(int port) {
        return new ConsoleConfig(
                host,
                port,
                clientConfig,
                repository,
                topics,
                alertsTopic,
                deadLetterTopics,
                auditTopic,
                usersFile,
                proxyUserHeader,
                proxyRoleHeader,
                oipUrl,
                scorerAdminUrls,
                workDir,
                sessionTimeout,
                refreshInterval,
                routes);
    }

    /** The route of {@code model}, if configured. */
    public Optional<ScorerRoute> route(String model) {
        return Optional.ofNullable(routes.get(model));
    }

    public String bootstrapServers() {
        return clientConfig.getProperty("bootstrap.servers");
    }

    private static int integer(Properties file, String key, int fallback, int min, int max, List<String> problems) {
        String text = file.getProperty(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                problems.add(key + "=" + text + ": must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(key + "=" + text + ": not a whole number");
            return fallback;
        }
    }

    private static Map<String, ScorerRoute> routes(Properties file, List<String> problems) {
        Map<String, Map<String, String>> byModel = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (!key.startsWith(ROUTE_PREFIX)) {
                continue;
            }
            String rest = key.substring(ROUTE_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String sub = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !ScorerRoute.KEYS.contains(sub)) {
                problems.add(key + ": write " + ROUTE_PREFIX + "<model>.input, .predictions or .group");
                continue;
            }
            byModel.computeIfAbsent(rest.substring(0, dot), m -> new HashMap<>())
                    .put(sub, blankToNull(file.getProperty(key)));
        }
        Map<String, ScorerRoute> routes = new TreeMap<>();
        byModel.forEach((model, keys) -> {
            if (keys.get("input") == null) {
                problems.add(ROUTE_PREFIX + model + ".input is missing: name the topic the scorers read " + model
                        + "'s records from");
                return;
            }
            routes.put(model, new ScorerRoute(model, keys.get("input"), keys.get("predictions"), keys.get("group")));
        });
        return routes;
    }

    private static URI uri(String text, String key, List<String> problems) {
        try {
            URI uri = URI.create(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problems.add(key + "=" + text + ": write an http:// or https:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(key + "=" + text + ": not a URL (" + e.getMessage() + ")");
            return URI.create("http://invalid");
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }
}
