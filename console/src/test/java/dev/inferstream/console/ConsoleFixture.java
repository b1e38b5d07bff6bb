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
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A console started for a test on the shared stack: its own control topics (so tests never see each other's
 * models), a fresh repository, and three users — alice (admin), otto (operator) and vera (viewer), password
 * {@value #PASSWORD}.
 */
public final class ConsoleFixture implements AutoCloseable {
    public static final String PASSWORD = "console-test-pw";

    public final ConsoleConfig config;
    public final LocalModelRepository repository;
    public final ConsoleServices services;
    public final ConsoleServer server;
    public final String base;

    private ConsoleFixture(
            ConsoleConfig config, LocalModelRepository repository, ConsoleServices services, ConsoleServer server) {
        this.config = config;
        this.repository = repository;
        this.services = services;
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /**
     * @param extra more console.* keys (e.g. the scorer's OIP URL, dead-letter topics)
     */
    public static ConsoleFixture start(TestStack stack, Path dir, Map<String, String> extra) throws IOException {
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
        ConsoleServices services = new ConsoleServices(config, Users.load(users), false, Clock.systemUTC());
        ConsoleServer server = ConsoleServer.start(config, services);
        return new ConsoleFixture(config, new LocalModelRepository(dir.resolve("models")), services, server);
    }

    /** A new HTTP session signed in as {@code user}. */
    public WebClient signedIn(String user) {
        WebClient web = new WebClient(base);
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
        HttpResponse<String> review = web.postForm("/models/" + model + "/deploy/review", fields);
        if (review.statusCode() != 200) {
            throw new AssertionError(
                    "review of " + fields + " refused: HTTP " + review.statusCode() + " " + review.body());
        }
        return review.body();
    }

    /** Publishes {@code fields} as the next revision of {@code model} and waits until the console has read it. */
    public Deployment publish(WebClient web, String model, Map<String, String> fields) {
        long before = revision(model);
        web.get("/models/" + model + "/deploy");
        Map<String, String> form = new HashMap<>(fields);
        form.put("expected-revision", Long.toString(before));
        HttpResponse<String> published = web.postForm("/models/" + model + "/deploy", form);
        if (published.statusCode() != 302) {
            throw new AssertionError(
                    "publishing " + fields + " refused: HTTP " + published.statusCode() + " " + published.body());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> revision(model) == before + 1);
        return services.state().deployment(model).orElseThrow();
    }

    /** The revision of {@code model} the console has read; 0 before the first. */
    public long revision(String model) {
        return services.state().deployment(model).map(Deployment::getRevision).orElse(0L);
    }

    @Override
    public void close() {
        server.close();
    }
}
