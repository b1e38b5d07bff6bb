/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import static org.awaitility.Awaitility.await;

import dev.inferstream.console.auth.Passwords;
import dev.inferstream.console.auth.Users;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.server.ConsoleServer;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.testkit.stack.SharedStack;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A console started for a test on the shared stack: its own control topics (so tests never see each other's
 * models), a fresh repository, and three users — alice (admin), otto (operator) and vera (viewer), password
 * {@value #PASSWORD}. Either started by a test ({@link #start}, e.g. pointed at a running scorer) or, registered as
 * an extension, around a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConsoleFixture console = ConsoleFixture.aroundClass(2, "fraud", "loans"); // v1, v2 of each
 * }</pre>
 */
public final class ConsoleFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String PASSWORD = "console-test-pw";

    private final int versions;
    private final List<String> models;
    private Path dir;
    private LocalModelRepository repository;
    private ConsoleServices services;
    private ConsoleServer server;

    private ConsoleFixture(int versions, List<String> models) {
        this.versions = versions;
        this.models = models;
    }

    /** A console started before the class's tests, with versions 1..{@code versions} of each model published. */
    public static ConsoleFixture aroundClass(int versions, String... models) {
        return new ConsoleFixture(versions, List.of(models));
    }

    /**
     * @param extra more console.* keys (e.g. the scorer's OIP URL, dead-letter topics)
     */
    public static ConsoleFixture start(TestStack stack, Path dir, Map<String, String> extra) throws IOException {
        ConsoleFixture console = new ConsoleFixture(0, List.of());
        console.startIn(stack, dir, extra);
        return console;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("console-it-");
        startIn(SharedStack.get(), dir, Map.of());
        for (String model : models) {
            for (int v = 1; v <= versions; v++) {
                ConsoleModels.publish(repository, model, v);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private void startIn(TestStack stack, Path dir, Map<String, String> extra) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path users = dir.resolve("users.properties");
        String hash = Passwords.hash(PASSWORD.toCharArray(), 10_000);
        Files.writeString(
                users, "alice = admin " + hash + "\notto = operator " + hash + "\nvera = viewer " + hash + "\n");
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", stack.bootstrapServers());
        p.setProperty("schema.registry.url", stack.registryUrl());
        p.setProperty(ConsoleConfig.PORT, "0");
        p.setProperty(ConsoleConfig.REPOSITORY, dir.resolve("models").toString());
        p.setProperty(ConsoleConfig.CONTROL_TOPIC, "_deployments-" + id);
        p.setProperty(ConsoleConfig.STATUS_TOPIC, "_status-" + id);
        p.setProperty(ConsoleConfig.QUALITY_TOPIC, "_quality-" + id);
        p.setProperty(ConsoleConfig.ALERTS_TOPIC, "_alerts-" + id);
        p.setProperty(ConsoleConfig.AUDIT_TOPIC, "_console-audit-" + id);
        p.setProperty(ConsoleConfig.USERS_FILE, users.toString());
        p.setProperty(ConsoleConfig.WORK_DIR, dir.resolve("work").toString());
        p.setProperty(ConsoleConfig.REFRESH_MS, "500");
        extra.forEach(p::setProperty);
        ConsoleConfig config = ConsoleConfig.from(p, Map.of());
        Files.createDirectories(dir.resolve("models"));
        services = new ConsoleServices(config, Users.load(users), false, Clock.systemUTC());
        server = ConsoleServer.start(config, services);
        repository = new LocalModelRepository(dir.resolve("models"));
    }

    /** The console's address, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The repository the console publishes into and reads. */
    public LocalModelRepository repository() {
        return repository;
    }

    public ConsoleServices services() {
        return services;
    }

    /** A new HTTP session signed in as {@code user}. */
    public WebClient signedIn(String user) {
        WebClient web = new WebClient(base());
        HttpResponse<String> signIn = web.signIn(user, PASSWORD);
        if (signIn.statusCode() != 302) {
            throw new IllegalStateException(
                    user + " could not sign in: HTTP " + signIn.statusCode() + " " + signIn.body());
        }
        return web;
    }

    /**
     * Reviews {@code fields} as a change of {@code model} in the deploy wizard and returns the review page; fails
     * unless the review is shown.
     */
    public String review(WebClient web, String model, Map<String, String> fields) {
        web.get("/models/" + model + "/deploy");
        return web.postForm("/models/" + model + "/deploy/review", fields, 200);
    }

    /** Publishes {@code fields} as the next revision of {@code model}; returns it once the console has read it. */
    public Deployment publish(WebClient web, String model, Map<String, String> fields) {
        long before = revision(model);
        web.get("/models/" + model + "/deploy");
        Map<String, String> form = new HashMap<>(fields);
        form.put("expected-revision", Long.toString(before));
        web.postForm("/models/" + model + "/deploy", form, 302);
        // found in the history, as a rollout controller may publish the revision after it at any time
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> services.state().history(model).stream()
                                .filter(d -> d.getRevision() == before + 1)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The revision of {@code model} the console has read; 0 before the first. */
    public long revision(String model) {
        return services.state().deployment(model).map(Deployment::getRevision).orElse(0L);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
