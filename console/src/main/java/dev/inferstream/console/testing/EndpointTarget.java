/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.serving.client.OipClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Load on a scorer's request/response endpoint: each record one call, at most {@value #IN_FLIGHT} in flight (beyond
 * that a record fails at once rather than queueing, so a slow server shows as failures, not as a growing backlog).
 */
final class EndpointTarget implements LoadTarget {
    static final int IN_FLIGHT = 64;

    private final URI endpoint;
    private final String model;
    private final String version;
    private final OipClient client;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final ExecutorService senders = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "console-load-sender");
        t.setDaemon(true);
        return t;
    });

    /** @param version the version to pin, or null for the current deployment */
    EndpointTarget(URI endpoint, String model, String version) {
        this.endpoint = endpoint;
        this.model = model;
        this.version = version;
        this.client = OipClient.rest(endpoint);
    }

    @Override
    public String describe() {
        return "the request/response endpoint " + endpoint;
    }

    @Override
    public boolean endToEnd() {
        return false;
    }

    @Override
    public void send(String key, Map<String, String> record, Outcome outcome) {
        if (!inFlight.tryAcquire()) {
            outcome.failed("more than " + IN_FLIGHT + " requests in flight: the server is too slow");
            return;
        }
        senders.submit(() -> {
            long t0 = System.nanoTime();
            try {
                client.predict(model, version, record, key);
                outcome.scored((System.nanoTime() - t0) / 1e6);
            } catch (RuntimeException e) {
                outcome.failed(e.getMessage());
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    public void drain(Duration grace) throws InterruptedException {
        if (inFlight.tryAcquire(IN_FLIGHT, grace.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(IN_FLIGHT);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        client.close();
    }
}
