/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.console.catalog.Catalog;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.serving.client.OipClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs load tests against a scorer's request/response endpoint: records drawn from the version's baseline, sent at
 * the target rate by a pacing timer for at most {@value #MAX_SECONDS} s and {@value #MAX_RATE}/s, with at most
 * {@value #IN_FLIGHT} requests in flight (beyond that a request is counted as failed rather than queued, so a slow
 * server shows as failures, not as a growing backlog). One test at a time.
 */
public final class LoadTests implements AutoCloseable {
    public static final int MAX_SECONDS = 300;
    public static final int MAX_RATE = 2_000;
    static final int IN_FLIGHT = 64;
    /** The most rows of an upload a test replays (in turn, from the first). */
    public static final int MAX_REPLAY_ROWS = 10_000;

    private final URI endpoint;
    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, LoadTest> tests = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pacers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-load-pacer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService senders = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "console-load-sender");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    public LoadTests(URI endpoint, Catalog catalog, Clock clock) {
        this.endpoint = endpoint;
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
     * @param done told the summary once the test ends
     * @throws IllegalArgumentException when the rate or duration is out of bounds, or a test runs already
     */
    public synchronized LoadTest start(
            String model,
            Integer version,
            int rate,
            int seconds,
            List<Map<String, String>> replay,
            String source,
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
        if (tests.values().stream().anyMatch(LoadTest::running)) {
            throw new IllegalArgumentException("a load test is running already: stop it or wait for it to end");
        }
        var versions = catalog.versions(model);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no published version");
        }
        int manifestVersion = version != null ? version : versions.get(versions.size() - 1);
        ModelManifest manifest = catalog.version(model, manifestVersion).manifest();
        String id = UUID.randomUUID().toString().substring(0, 8);
        LoadTest test = new LoadTest(
                id,
                model,
                version == null ? null : version.toString(),
                rate,
                seconds,
                replay == null ? "the baseline" : source,
                clock.instant());
        tests.put(id, test);
        OipClient client = OipClient.rest(endpoint);
        Random random = new Random(42);
        long startNanos = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long[] issued = {0};
        ScheduledFuture<?> pacer = timer.scheduleAtFixedRate(
                () -> {
                    if (issued[0] >= total || !test.running()) {
                        end(id, test.running() ? "done" : test.state(), client, done);
                        return;
                    }
                    issued[0]++;
                    test.sent();
                    Map<String, String> record = replay == null
                            ? Baselines.draw(manifest, random)
                            : replay.get((int) ((issued[0] - 1) % replay.size()));
                    int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
                    if (!inFlight.tryAcquire()) {
                        test.failed(second, "more than " + IN_FLIGHT + " requests in flight: the server is too slow");
                        return;
                    }
                    senders.submit(() -> {
                        long t0 = System.nanoTime();
                        try {
                            client.predict(model, test.version(), record, "load-" + random.nextInt(10_000));
                            test.answered(second, (System.nanoTime() - t0) / 1e6);
                        } catch (RuntimeException e) {
                            test.failed(second, e.getMessage());
                        } finally {
                            inFlight.release();
                        }
                    });
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        pacers.put(id, pacer);
        return test;
    }

    private void end(String id, String how, OipClient client, Consumer<LoadTest> done) {
        ScheduledFuture<?> pacer = pacers.remove(id);
        if (pacer == null) {
            return;
        }
        pacer.cancel(false);
        LoadTest test = tests.get(id);
        // let requests in flight answer before summing up
        senders.submit(() -> {
            try {
                inFlight.acquire(IN_FLIGHT);
                inFlight.release(IN_FLIGHT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            test.finish(how);
            client.close();
            done.accept(test);
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
        senders.shutdownNow();
    }
}
