/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import static org.awaitility.Awaitility.await;

import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.streaming.StreamingScorer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/**
 * A streaming scorer for a console test: one route (input, predictions, shadow, dead letters on fresh topics) for
 * {@code model}, reporting on the console's own control topics, with its REST and admin endpoints on free ports.
 */
public final class RunningScorer implements AutoCloseable {
    public final StreamingScorer scorer;
    public final String applicationId;
    public final String input;
    public final String output;
    public final String shadow;
    public final String deadLetters;
    /** The console.* keys that point a console at these topics and this scorer. */
    public final Map<String, String> consoleKeys;

    private RunningScorer(
            StreamingScorer scorer,
            String applicationId,
            String input,
            String output,
            String shadow,
            String deadLetters,
            Map<String, String> consoleKeys) {
        this.scorer = scorer;
        this.applicationId = applicationId;
        this.input = input;
        this.output = output;
        this.shadow = shadow;
        this.deadLetters = deadLetters;
        this.consoleKeys = consoleKeys;
    }

    /**
     * Publishes versions 1..{@code versions} of {@code model} ({@link ConsoleModels}) into the repository
     * {@code dir/models}, starts a scorer of it from there and waits until it runs.
     *
     * @param settings more scorer.* settings (e.g. a short drift window)
     */
    public static RunningScorer start(
            TestStack stack, Path dir, String model, int versions, Map<String, String> settings) throws Exception {
        Path models = dir.resolve("models");
        LocalModelRepository repository = new LocalModelRepository(models);
        for (int v = 1; v <= versions; v++) {
            ConsoleModels.publish(repository, model, v);
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = stack.newTopic("transactions", 2);
        String output = stack.newTopic(model + "-predictions", 2);
        String shadow = stack.newTopic(model + "-predictions-shadow", 2);
        String dlq = stack.newTopic("transactions-dlq", 1);
        Map<String, String> keys = new HashMap<>();
        keys.put(ConsoleConfig.CONTROL_TOPIC, "_deployments-" + id);
        keys.put(ConsoleConfig.STATUS_TOPIC, "_status-" + id);
        keys.put(ConsoleConfig.QUALITY_TOPIC, "_quality-" + id);
        keys.put(ConsoleConfig.ALERTS_TOPIC, "_alerts-" + id);
        awaitControlTopics(stack, keys.get(ConsoleConfig.CONTROL_TOPIC));
        String applicationId = "console-scorer-" + id;
        Properties p = new Properties();
        p.setProperty("application.id", applicationId);
        p.setProperty("bootstrap.servers", stack.bootstrapServers());
        p.setProperty("schema.registry.url", stack.registryUrl());
        p.setProperty("state.dir", dir.resolve("state-" + id).toString());
        p.setProperty("commit.interval.ms", "200");
        p.setProperty("scorer.model.repository", models.toString());
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", input);
        p.setProperty("scorer.route.main.model", model);
        p.setProperty("scorer.route.main.output", output);
        p.setProperty("scorer.route.main.dead-letter", dlq);
        p.setProperty("scorer.route.main.shadow", shadow);
        p.setProperty("scorer.admin.port", "0");
        p.setProperty("scorer.id", "scorer-1");
        p.setProperty("scorer.control.topic", keys.get(ConsoleConfig.CONTROL_TOPIC));
        p.setProperty("scorer.status.topic", keys.get(ConsoleConfig.STATUS_TOPIC));
        p.setProperty("scorer.quality.topic", keys.get(ConsoleConfig.QUALITY_TOPIC));
        p.setProperty("scorer.alerts.topic", keys.get(ConsoleConfig.ALERTS_TOPIC));
        p.setProperty("scorer.status.interval.ms", "1000");
        p.setProperty("scorer.serving.rest.port", "0");
        p.setProperty("scorer.serving.grpc.port", "-1");
        p.setProperty("scorer.serving.models", model);
        settings.forEach(p::setProperty);
        StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(p));
        scorer.awaitRunning(Duration.ofSeconds(120));
        keys.put(ConsoleConfig.REPOSITORY, models.toString());
        keys.put(ConsoleConfig.OIP_URL, "http://127.0.0.1:" + scorer.restPort());
        keys.put(ConsoleConfig.ADMIN_URLS, "http://127.0.0.1:" + scorer.adminPort());
        keys.put(ConsoleConfig.DEAD_LETTER_TOPICS, dlq);
        keys.put(ConsoleConfig.ROUTE_PREFIX + model + ".input", input);
        keys.put(ConsoleConfig.ROUTE_PREFIX + model + ".predictions", output);
        keys.put(ConsoleConfig.ROUTE_PREFIX + model + ".group", applicationId);
        return new RunningScorer(scorer, applicationId, input, output, shadow, dlq, Map.copyOf(keys));
    }

    /**
     * Creates the control topics and waits until the broker lists them: a scorer that does not find its control
     * topic at start takes its deployments from its configuration only.
     */
    private static void awaitControlTopics(TestStack stack, String control) {
        new ControlPlane(
                        stack.producerProperties(),
                        new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())),
                        ControlTopics.forDeployments(control))
                .ensureTopics();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().contains(control));
        }
    }

    @Override
    public void close() {
        scorer.close();
    }
}
