/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.console.audit.ConsoleAudit;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.Sessions;
import dev.inferstream.console.auth.Users;
import dev.inferstream.console.catalog.Catalog;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.lifecycle.Overviews;
import dev.inferstream.console.monitoring.DeadLetterReplay;
import dev.inferstream.console.state.ConsoleState;
import dev.inferstream.console.state.ConsumerLag;
import dev.inferstream.console.state.EndToEndLatency;
import dev.inferstream.console.state.TopicFollower;
import dev.inferstream.console.testing.LoadTests;
import dev.inferstream.console.testing.ModelBench;
import dev.inferstream.console.testing.Uploads;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the console's handlers work with, built once at start-up: the control plane, the followed state, the
 * catalog, the audit, access control and the test tools. Closing it stops the background work.
 */
public final class ConsoleServices implements AutoCloseable {
    private final ConsoleConfig config;
    private final SchemaRegistryClient registry;
    private final ControlPlane control;
    private final ConsoleState state = new ConsoleState();
    private final TopicFollower follower;
    private final EndToEndLatency latency;
    private final ConsumerLag lag;
    private final ConsoleAudit audit;
    private final Catalog catalog;
    private final Overviews overviews;
    private final AccessControl access;
    private final Users users;
    private final boolean generatedUsers;
    private final ModelBench bench;
    private final Uploads uploads;
    private final LoadTests loadTests;
    private final DeadLetterReplay replay;
    private final Clock clock;

    /**
     * @param users null when a reverse proxy signs users in
     * @param generatedUsers whether {@code users} was generated at this first start
     */
    public ConsoleServices(ConsoleConfig config, Users users, boolean generatedUsers, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.generatedUsers = generatedUsers;
        Map<String, Object> registryProps = new HashMap<>();
        config.clientConfig().forEach((k, v) -> registryProps.put(k.toString(), v));
        this.registry = new SchemaRegistryClient(RegistryConfig.fromProperties(registryProps));
        this.control = new ControlPlane(config.clientConfig(), registry, config.topics());
        this.control.ensureTopics();
        this.audit = new ConsoleAudit(config.clientConfig(), config.auditTopic(), clock);
        this.follower = new TopicFollower(
                config.clientConfig(),
                registry,
                config.topics(),
                config.alertsTopic(),
                config.deadLetterTopics(),
                config.auditTopic(),
                state);
        this.catalog = new Catalog(ModelRepository.open(config.repository()));
        this.latency = new EndToEndLatency(config.scorerAdminUrls());
        this.lag = new ConsumerLag(config.clientConfig(), config.routes().values(), clock);
        this.overviews = new Overviews(state, catalog, this::lagSeconds, clock);
        this.access = new AccessControl(
                new Sessions(config.sessionTimeout(), clock),
                config.proxyUserHeader(),
                config.proxyRoleHeader(),
                refusal -> audit.record(
                        refusal.user(),
                        refusal.method() + " " + refusal.path(),
                        modelOf(refusal.path()),
                        "needs the " + refusal.needed().label() + " role",
                        "refused"));
        this.bench = new ModelBench(catalog);
        this.uploads = new Uploads(bench, config.workDir().resolve("uploads"));
        this.loadTests = new LoadTests(config.oipUrl(), config.clientConfig(), registry, catalog, clock);
        this.replay = new DeadLetterReplay(config.clientConfig());
        follower.start();
        latency.start(config.refreshInterval());
        lag.start(config.refreshInterval());
    }

    /**
     * A model's lag in seconds: the age of the oldest record its scorers' group has not consumed when its route
     * names the group, else the p99 of input time to prediction from the scorers' metrics; NaN when unknown.
     */
    private double lagSeconds(String model) {
        double consumer = lag.seconds(model);
        return Double.isNaN(consumer) ? latency.seconds(model) : consumer;
    }

    /** The model a console path is about ({@code /models/<model>/…}), or null. */
    static String modelOf(String path) {
        Matcher m = Pattern.compile("^/models/([^/]+)").matcher(path);
        return m.find() ? m.group(1) : null;
    }

    public ConsoleConfig config() {
        return config;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public ControlPlane control() {
        return control;
    }

    public ConsoleState state() {
        return state;
    }

    public TopicFollower follower() {
        return follower;
    }

    public ConsoleAudit audit() {
        return audit;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Overviews overviews() {
        return overviews;
    }

    public AccessControl access() {
        return access;
    }

    /** Null when a reverse proxy signs users in. */
    public Users users() {
        return users;
    }

    public boolean generatedUsers() {
        return generatedUsers;
    }

    public ModelBench bench() {
        return bench;
    }

    public Uploads uploads() {
        return uploads;
    }

    public LoadTests loadTests() {
        return loadTests;
    }

    public DeadLetterReplay deadLetterReplay() {
        return replay;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        latency.close();
        lag.close();
        loadTests.close();
        replay.close();
        uploads.close();
        follower.close();
        audit.close();
        bench.close();
    }
}
