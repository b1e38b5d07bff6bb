/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.Reachability;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.config.ServingConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/** What must hold before the scorer starts: the registry answers, the models exist, the topics exist. */
final class StartupChecks {
    private StartupChecks() {}

    static void registryReachable(SchemaRegistryClient registry) {
        try {
            registry.subjects();
        } catch (RegistryException e) {
            throw new ConfigException("the schema registry is not usable: " + e.getMessage(), e);
        }
    }

    static void modelsPublished(ScorerConfig config, ModelRepository repository) {
        List<String> problems = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            try {
                List<Integer> versions = repository.versions(route.model());
                if (versions.isEmpty()) {
                    problems.add("route '" + route.name() + "': model '" + route.model()
                            + "' has no published version in " + repository.location() + " (expected " + route.model()
                            + "/<version>/model.onnx + model.yaml)");
                } else if (!route.followsLatest() && !versions.contains(Integer.parseInt(route.version()))) {
                    problems.add("route '" + route.name() + "': " + route.model() + " version " + route.version()
                            + " is not published; published versions: " + versions);
                }
            } catch (IOException e) {
                problems.add("cannot read the model repository " + repository.location() + ": " + e.getMessage());
            }
        }
        if (config.serving().enabled()) {
            for (ServingConfig.ServedModel model : config.serving().models()) {
                try {
                    List<Integer> versions = repository.versions(model.name());
                    if (versions.isEmpty()) {
                        problems.add("served model '" + model.name() + "' has no published version in "
                                + repository.location() + " (check " + ScorerConfig.SERVING_MODELS + ")");
                    } else if (!model.followsLatest() && !versions.contains(Integer.parseInt(model.version()))) {
                        problems.add("served model " + model.name() + " version " + model.version()
                                + " is not published; published versions: " + versions);
                    }
                } catch (IOException e) {
                    problems.add("cannot read the model repository " + repository.location() + ": " + e.getMessage());
                }
            }
        }
        fail(problems);
    }

    static void topicsExist(ScorerConfig config) {
        Set<String> needed = new LinkedHashSet<>();
        for (RouteConfig route : config.routes()) {
            needed.add(route.input());
            needed.add(route.output());
            needed.add(route.deadLetter());
        }
        config.monitoring().auditTopic().ifPresent(needed::add);
        if (config.serving().enabled()) {
            for (ServingConfig.ServedModel model : config.serving().models()) {
                if (model.shadowTopic() != null) {
                    needed.add(model.shadowTopic());
                }
                if (model.requestLogTopic() != null) {
                    needed.add(model.requestLogTopic());
                }
            }
        }
        config.routes().stream()
                .map(RouteConfig::feedback)
                .filter(Objects::nonNull)
                .forEach(needed::add);
        try {
            Reachability.kafka(
                    config.streams(),
                    Reachability.DEFAULT_TIMEOUT,
                    "check bootstrap.servers, and that the broker runs (the local stack: scripts/local-stack start)");
        } catch (ControlPlaneException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        try (Admin admin = Admin.create(adminConfig(config))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> missing =
                    needed.stream().filter(t -> !existing.contains(t)).toList();
            refuseUnauthorized(admin, missing);
            if (!missing.isEmpty()) {
                throw new ConfigException("topics missing: " + missing + ". Create them first (give the outputs as "
                        + "many partitions as the input), e.g. with the project's scripts/kafka-topics (or Kafka's "
                        + "kafka-topics.sh, same flags):\n"
                        + missing.stream()
                                .map(t -> "    scripts/kafka-topics --bootstrap-server "
                                        + config.streams().getProperty("bootstrap.servers") + " --create --topic " + t
                                        + " --partitions 3")
                                .collect(Collectors.joining("\n")));
            }
            feedbackCopartitioned(config, admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException(
                    "cannot reach Kafka at " + config.streams().getProperty("bootstrap.servers")
                            + " to check the topics (" + (e.getCause() != null ? e.getCause() : e).getMessage()
                            + "): check bootstrap.servers, and that the "
                            + "broker runs (the local stack: scripts/local-stack start)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while checking topics", e);
        }
    }

    /**
     * With ACLs on, a topic this principal may not describe is not listed either: tell that apart from a missing
     * topic, whose creation would not help.
     */
    private static void refuseUnauthorized(Admin admin, List<String> unlisted)
            throws InterruptedException, TimeoutException {
        List<String> refused = new ArrayList<>();
        for (var topic : admin.describeTopics(unlisted).topicNameValues().entrySet()) {
            try {
                topic.getValue().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    refused.add(topic.getKey());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new ConfigException("not authorized to describe topics " + refused + " as the configured principal "
                    + "(sasl.jaas.config / ssl.keystore): grant it DESCRIBE and READ on the inputs and the control "
                    + "topic, DESCRIBE and WRITE on the outputs, as README's Security section lists");
        }
    }

    /** Feedback is joined in the task that holds its predictions: both topics need the same partitions. */
    private static void feedbackCopartitioned(ScorerConfig config, Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        for (RouteConfig route : config.routes()) {
            if (route.feedback() == null) {
                continue;
            }
            var topics = admin.describeTopics(List.of(route.output(), route.feedback()))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            int predictions = topics.get(route.output()).partitions().size();
            int feedback = topics.get(route.feedback()).partitions().size();
            if (predictions != feedback) {
                throw new ConfigException("route '" + route.name() + "': feedback topic " + route.feedback() + " has "
                        + feedback + " partitions but the prediction topic " + route.output() + " has " + predictions
                        + "; give them the same count, and key feedback like the scored records");
            }
        }
    }

    static boolean topicExists(ScorerConfig config, String topic) {
        try (Admin admin = Admin.create(adminConfig(config))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("cannot reach Kafka to look for topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while checking topics", e);
        }
    }

    private static Map<String, Object> adminConfig(ScorerConfig config) {
        Map<String, Object> adminConfig = new HashMap<>();
        config.streams().forEach((k, v) -> adminConfig.put(k.toString(), v));
        adminConfig.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        // a broker that does not answer is reported in seconds, not after the client's default minute
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 8_000);
        return adminConfig;
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }
}
