/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.scenario;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.system.check.Figures;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.check.Recovery;
import dev.inferstream.system.check.ReferenceScores;
import dev.inferstream.system.check.Verdict;
import dev.inferstream.system.load.Events;
import dev.inferstream.system.load.SteadyLoad;
import dev.inferstream.system.scorer.ScorerJvm;
import dev.inferstream.system.scorer.ScorerSetup;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.system.stack.Grants;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One scenario: its topics, model repository and scorer instances (each in its own JVM), a steady load, the faults'
 * instants; {@link #finish} counts every record and records the figures.
 */
public final class Scenario implements AutoCloseable {
    public static final Duration RUNNING = Duration.ofMinutes(3);
    public static final int POISON_EVERY = 50;

    public final Cluster cluster;
    public final Path dir;
    public final LocalModelRepository repository;
    public final ScorerSetup setup;
    private final List<ScorerJvm> scorers = new ArrayList<>();
    private final List<Instant> faults = new ArrayList<>();
    private SteadyLoad load;
    private Ledger ledger;

    public Scenario(Cluster cluster, Path dir, int partitions) throws IOException {
        this(cluster, dir, partitions, dir.resolve("models").toString());
    }

    /** @param repository where the scorers read models (a folder, or the URL of a server of {@code dir/models}) */
    public Scenario(Cluster cluster, Path dir, int partitions, String repository) throws IOException {
        this.cluster = cluster;
        this.dir = dir;
        this.repository = new LocalModelRepository(dir.resolve("models"));
        Events.publish(this.repository, 1);
        String input = cluster.newTopic("events", partitions);
        this.setup = new ScorerSetup(
                cluster,
                repository,
                input,
                cluster.newTopic("predictions", partitions),
                cluster.newTopic("events-dlq", 1),
                "deployments-" + input);
    }

    /** The application id every instance of the scenario shares. */
    public String applicationId() {
        return setup.applicationId();
    }

    /** Creates the scenario's deployments topic (compacted), its history and its status topic. */
    public void createControlTopics() {
        String deployments = setup.control();
        cluster.createTopic(deployments, 1, Map.of("cleanup.policy", "compact"));
        cluster.createTopic(deployments + ".history", 1, Map.of());
        cluster.createTopic(deployments + ".status", 1, Map.of());
    }

    /** The least-privilege grants of this scenario's scorers, to user {@code user}. */
    public Grants scorerGrants(String user) {
        return Grants.to(user)
                .scorer(
                        applicationId(),
                        List.of(setup.input()),
                        List.of(setup.output(), setup.deadLetter()),
                        setup.control(),
                        setup.control() + ".status");
    }

    /** A configuration for instance {@code name}, with its own state folder. */
    public Properties config(String name) {
        return setup.config(Events.MODEL, dir.resolve("state").resolve(name));
    }

    /** Starts instance {@code name} and waits until it processes. */
    public ScorerJvm startScorer(String name) {
        return startScorer(name, config(name));
    }

    public ScorerJvm startScorer(String name, Properties config) {
        ScorerJvm scorer = ScorerJvm.start(config, dir.resolve("logs"), name);
        scorers.add(scorer);
        scorer.awaitLog("-> RUNNING", RUNNING);
        return scorer;
    }

    /** Starts instance {@code name} without waiting for it. */
    public ScorerJvm launchScorer(String name) {
        ScorerJvm scorer = ScorerJvm.start(config(name), dir.resolve("logs"), name);
        scorers.add(scorer);
        return scorer;
    }

    /** Starts a load of {@code perSecond} events a second, one in {@link #POISON_EVERY} undecodable. */
    public void startLoad(int perSecond, long seed) {
        load = SteadyLoad.start(cluster, setup.input(), perSecond, seed, POISON_EVERY);
    }

    /** Starts a load of {@code perSecond} records a second made by {@code mix}. */
    public void startLoad(int perSecond, Function<Cluster, SteadyLoad.Mix> mix) {
        load = SteadyLoad.start(cluster, setup.input(), perSecond, mix);
    }

    public SteadyLoad load() {
        return load;
    }

    /** Notes that a fault is injected now. */
    public Instant fault() {
        Instant now = Instant.now();
        faults.add(now);
        return now;
    }

    /**
     * Stops the load, reads every record, records the figures under {@code name} and checks the invariants: every
     * undecodable input a dead letter, every other one predicted, each exactly once.
     */
    public Figures finish(String name, String note) throws InterruptedException {
        return finish(name, note, input -> Events.isPoison(input.value()));
    }

    /** Like {@link #finish(String, String)}; {@code meantToFail} tells the inputs that must become dead letters. */
    public Figures finish(String name, String note, Predicate<Ledger.Input> meantToFail) throws InterruptedException {
        double rate = 0;
        if (load != null) {
            load.stop();
            rate = load.rate();
        }
        ledger = Ledger.collect(cluster, setup.input(), setup.output(), setup.deadLetter(), Duration.ofMinutes(4));
        Verdict verdict = Verdict.of(
                ledger, meantToFail, new ReferenceScores(repository.root().toString(), cluster.registry()));
        String normal = faults.isEmpty()
                ? ""
                : String.format(
                        Locale.ROOT,
                        " (p99 wait before the first fault: %.1f s)",
                        Recovery.normal(ledger, faults.get(0)));
        Figures figures = verdict.figures(name, rate, Recovery.worst(ledger, faults), note + normal)
                .record();
        verdict.assertHolds();
        return figures;
    }

    /** Every record {@link #finish} read (null before). */
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void close() throws InterruptedException {
        if (load != null) {
            load.stop();
        }
        for (ScorerJvm scorer : scorers) {
            scorer.close();
        }
    }
}
