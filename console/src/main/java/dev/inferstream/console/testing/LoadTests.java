/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.console.catalog.Catalog;
import dev.inferstream.console.config.ScorerRoute;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs load tests against a scorer's request/response endpoint or through a model's input topic: records drawn from
 * the version's baseline (or an upload's rows), sent at the target rate by a pacing timer for at most
 * {@value #MAX_SECONDS} s and {@value #MAX_RATE}/s. One test at a time.
 */
public final class LoadTests implements AutoCloseable {
    public static final int MAX_SECONDS = 300;
    public static final int MAX_RATE = 2_000;
    /** The most rows of an upload a test replays (in turn, from the first). */
    public static final int MAX_REPLAY_ROWS = 10_000;
    /** How long a finished test waits for the answers and predictions of the last records. */
    static final Duration DRAIN = Duration.ofSeconds(15);

    private final URI endpoint;
    private final Properties clientConfig;
    private final SchemaRegistryClient registry;
    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, LoadTest> tests = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pacers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-load-pacer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-load-finisher");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param endpoint the scorer's request/response endpoint
     * @param clientConfig Kafka client settings, for tests through an input topic
     */
    public LoadTests(
            URI endpoint, Properties clientConfig, SchemaRegistryClient registry, Catalog catalog, Clock clock) {
        this.endpoint = endpoint;
        this.clientConfig = clientConfig;
        this.registry = registry;
        this.catalog = catalog;
        this.clock = clock;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Starts a test.
     *
     * @param version the version to pin, or null for the current deployment
     * @param replay the records to send in turn (from an upload), or null to draw them from the baseline
     * @param source where {@code replay} comes from, for the summary
     * @param topic send to this route's input topic and time each record to its prediction; null: the endpoint
     * @param done told the summary once the test ends
     * @throws IllegalArgumentException when the rate or duration is out of bounds, a test runs already, or the
     *     topics cannot be used
     */
    public synchronized LoadTest start(
            String model,
            Integer version,
            int rate,
            int seconds,
            List<Map<String, String>> replay,
            String source,
            ScorerRoute topic,
            Consumer<LoadTest> done) {
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("rate " + rate + "/s: choose 1 to " + MAX_RATE + " records per second");
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("duration " + seconds + " s: choose 1 to " + MAX_SECONDS + " seconds");
        }
        if (replay != null && replay.isEmpty()) {
            throw new IllegalArgumentException(source + " has no rows to replay");
        }
        if (topic != null && version != null) {
            throw new IllegalArgumentException("records on the input topic go to the deployment's versions: leave"
                    + " the version empty, or pin it through the request/response endpoint");
        }
        if (tests.values().stream().anyMatch(LoadTest::running)) {
            throw new IllegalArgumentException("a load test is running already: stop it or wait for it to end");
        }
        var versions = catalog.versions(model);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no published version");
        }
        int manifestVersion = version != null ? version : versions.get(versions.size() - 1);
        ModelManifest manifest = catalog.version(model, manifestVersion).manifest();
        LoadTarget target = topic == null
                ? new EndpointTarget(endpoint, model, version == null ? null : version.toString())
                : TopicTarget.open(clientConfig, registry, topic, manifest);
        String id = UUID.randomUUID().toString().substring(0, 8);
        LoadTest test = new LoadTest(
                id,
                model,
                version == null ? null : version.toString(),
                rate,
                seconds,
                replay == null ? "the baseline" : source,
                target.describe(),
                target.endToEnd(),
                clock.instant());
        tests.put(id, test);
        Random random = new Random(42);
        long startNanos = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long[] issued = {0};
        ScheduledFuture<?> pacer = timer.scheduleAtFixedRate(
                () -> {
                    if (issued[0] >= total || !test.running()) {
                        end(id, test.running() ? "done" : test.state(), target, done);
                        return;
                    }
                    issued[0]++;
                    test.sent();
                    Map<String, String> record = replay == null
                            ? Baselines.draw(manifest, random)
                            : replay.get((int) ((issued[0] - 1) % replay.size()));
                    int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
                    target.send("load-" + id + "-" + issued[0], record, new LoadTarget.Outcome() {
                        @Override
                        public void scored(double millis) {
                            test.answered(second, millis);
                        }

                        @Override
                        public void failed(String error) {
                            test.failed(second, error);
                        }
                    });
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        pacers.put(id, pacer);
        return test;
    }

    private void end(String id, String how, LoadTarget target, Consumer<LoadTest> done) {
        ScheduledFuture<?> pacer = pacers.remove(id);
        if (pacer == null) {
            return;
        }
        pacer.cancel(false);
        LoadTest test = tests.get(id);
        // let the last records be answered before summing up
        finisher.submit(() -> {
            try {
                target.drain(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                target.close();
                test.finish(how);
                done.accept(test);
            }
        });
    }

    /** Stops a running test; what was measured so far is kept. */
    public void stop(String id) {
        LoadTest test = tests.get(id);
        if (test != null && test.running()) {
            test.finish("stopped");
        }
    }

    public Optional<LoadTest> test(String id) {
        return Optional.ofNullable(tests.get(id));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        finisher.shutdownNow();
    }
}
