/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The process that owns a stack: starts the broker and the registry, publishes their addresses once both
 * answer, and stops them on SIGTERM or when the owner process (if any) exits.
 */
final class Supervisor {
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackConfig config;
    private final long ownerPid;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile JavaProcess kafka;
    private volatile JavaProcess registry;
    private boolean childrenStopped;

    Supervisor(StackConfig config, long ownerPid) {
        this.config = config;
        this.ownerPid = ownerPid;
    }

    void run() throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "stack-shutdown"));
        StackState state = new StackState("starting", self, ownerPid, -1, -1, "", "", "");
        state.write(config.dir());
        try {
            int kafkaPort = portOrFree(config.kafkaPort(), "Kafka");
            int controllerPort = portOrFree(config.controllerPort(), "Kafka controller");
            int registryPort = portOrFree(config.registryPort(), "schema registry");
            StackArtifacts artifacts = StackArtifacts.load();
            kafka = KafkaBroker.start(artifacts, config.dir(), kafkaPort, controllerPort);
            registry = SchemaRegistry.start(artifacts, config.dir(), registryPort);
            awaitReady(registryPort);
            state = new StackState(
                    "ready",
                    self,
                    ownerPid,
                    kafka.pid(),
                    registry.pid(),
                    "127.0.0.1:" + kafkaPort,
                    SchemaRegistry.url(registryPort),
                    "");
            state.write(config.dir());
        } catch (Exception e) {
            state.with("failed", e.getMessage() == null ? e.toString() : e.getMessage())
                    .write(config.dir());
            stopChildren();
            return;
        }
        if (ownerPid > 0) {
            ProcessHandle.of(ownerPid)
                    .ifPresentOrElse(owner -> owner.onExit().thenRun(stopped::countDown), stopped::countDown);
        }
        watchChildren(state);
    }

    private void watchChildren(StackState state) throws InterruptedException {
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (JavaProcess child : new JavaProcess[] {kafka, registry}) {
                if (!child.isAlive()) {
                    state.with("failed", child.name() + " exited unexpectedly: " + child.tail())
                            .write(config.dir());
                    stopChildren();
                    return;
                }
            }
        }
        stopChildren();
    }

    private void awaitReady(int registryPort) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        boolean kafkaUp = false;
        boolean registryUp = false;
        while (!(kafkaUp && registryUp)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the stack did not start within " + STARTUP_TIMEOUT + " (kafka "
                        + (kafkaUp ? "up" : "down") + ", registry " + (registryUp ? "up" : "down") + "); see "
                        + config.dir().resolve("logs"));
            }
            for (JavaProcess child : new JavaProcess[] {kafka, registry}) {
                if (!child.isAlive()) {
                    throw new IOException(child.name() + " exited during start-up: " + child.tail());
                }
            }
            kafkaUp = kafkaUp || KafkaBroker.isStarted(kafka);
            registryUp = registryUp || SchemaRegistry.isReady(http, registryPort);
            Thread.sleep(200);
        }
    }

    private synchronized void stopChildren() {
        if (childrenStopped) {
            return;
        }
        childrenStopped = true;
        for (JavaProcess child : new JavaProcess[] {registry, kafka}) {
            if (child != null) {
                child.stop(STOP_GRACE);
            }
        }
        StackState.read(config.dir())
                .filter(s -> s.supervisorPid() == ProcessHandle.current().pid() && s.ready())
                .ifPresent(s -> s.with("stopped", "").write(config.dir()));
        stopped.countDown();
    }

    private static int portOrFree(int port, String what) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IOException(
                    "port " + port + " for the " + what + " is already in use by another process: "
                            + "stop that process or choose another port",
                    e);
        }
    }
}
