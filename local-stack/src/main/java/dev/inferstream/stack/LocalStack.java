/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Starts, finds and stops a local stack: one or more real KRaft Kafka brokers and a schema registry serving the
 * Confluent API, each in its own JVM under a supervisor process; takes single nodes down and up again for fault
 * injection.
 *
 * <pre>{@code
 * StackState stack = LocalStack.start(StackConfig.ephemeral(dir).withBrokers(3), ProcessHandle.current().pid());
 * String bootstrap = stack.bootstrapServers();
 * LocalStack.down(dir, "kafka-2", true);   // kill -9 broker 2
 * LocalStack.up(dir, "kafka-2");           // and start it again
 * }</pre>
 */
public final class LocalStack {
    private LocalStack() {}

    /**
     * Starts a stack in {@code config.dir()}, or returns the one already running there.
     *
     * @param ownerPid the stack stops when this process exits; -1 to run until {@link #stop}
     */
    public static StackState start(StackConfig config, long ownerPid) throws IOException, InterruptedException {
        Files.createDirectories(config.dir());
        Optional<StackState> existing = StackState.read(config.dir());
        if (existing.isPresent() && existing.get().supervisorAlive()) {
            StackState running = awaitSettled(config.dir(), existing.get().supervisorPid());
            if (running.ready()) {
                return running;
            }
            stop(config.dir());
        }
        Files.deleteIfExists(config.dir().resolve(StackState.FILE));
        // fetched here, in the foreground, so a first start shows the download instead of a silent wait
        StackArtifacts.load().registryArchive(StackArtifacts.cacheRoot());
        if (!config.keepData()) {
            deleteRecursively(config.dir().resolve("kafka"));
            deleteRecursively(config.dir().resolve("registry"));
        }
        deleteRecursively(config.dir().resolve("requests"));
        List<String> args = List.of(
                "-Xmx64m",
                "-cp",
                ownClasspath() + File.pathSeparator + StackArtifacts.supervisorClasspath(),
                LocalStackMain.class.getName(),
                "supervise",
                "--dir",
                config.dir().toString(),
                "--kafka-port",
                Integer.toString(config.kafkaPort()),
                "--controller-port",
                Integer.toString(config.controllerPort()),
                "--registry-port",
                Integer.toString(config.registryPort()),
                "--brokers",
                Integer.toString(config.brokers()),
                "--security",
                config.security().option(),
                "--owner-pid",
                Long.toString(ownerPid));
        JavaProcess supervisor = JavaProcess.start(
                "stack supervisor", args, config.dir(), config.dir().resolve("logs/supervisor.log"));
        StackState state = awaitSettled(config.dir(), supervisor.pid());
        if (!state.ready()) {
            throw new IOException("local stack failed to start: " + state.error());
        }
        return state;
    }

    /** The state of the stack in {@code dir}, if one was started there. */
    public static Optional<StackState> status(Path dir) {
        return StackState.read(dir.toAbsolutePath());
    }

    /** Stops the stack in {@code dir}; returns false when none was running. */
    public static boolean stop(Path dir) {
        Optional<StackState> state = StackState.read(dir.toAbsolutePath());
        if (state.isEmpty()) {
            return false;
        }
        StackState s = state.get();
        boolean wasRunning = s.supervisorAlive();
        ProcessHandle.of(s.supervisorPid()).ifPresent(h -> JavaProcess.stop(h, Duration.ofSeconds(40)));
        for (long pid : s.pids().values()) {
            if (StackState.isAlive(pid)) {
                wasRunning = true;
                ProcessHandle.of(pid).ifPresent(h -> JavaProcess.stop(h, Duration.ofSeconds(30)));
            }
        }
        s.with("stopped", "").write(dir.toAbsolutePath());
        return wasRunning;
    }

    /**
     * Takes one node of the running stack in {@code dir} down: {@code kafka-<id>} or {@code registry}. The stack
     * stays up without it until {@link #up}.
     *
     * @param hard kill it at once (SIGKILL) instead of asking it to stop
     */
    public static StackState down(Path dir, String node, boolean hard) throws IOException, InterruptedException {
        return request(dir, "down " + node + (hard ? " hard" : ""));
    }

    /** Starts a node taken down with {@link #down} again and waits until it serves. */
    public static StackState up(Path dir, String node) throws IOException, InterruptedException {
        return request(dir, "up " + node);
    }

    private static StackState request(Path dir, String command) throws IOException, InterruptedException {
        Path abs = dir.toAbsolutePath();
        StackState state = StackState.read(abs)
                .filter(s -> s.ready() && s.supervisorAlive())
                .orElseThrow(() -> new IOException("no stack runs in " + abs + ": start it first"));
        NodeRequests.send(abs, state, command, Supervisor.STARTUP_TIMEOUT.plusSeconds(30));
        return StackState.read(abs).orElseThrow();
    }

    private static StackState awaitSettled(Path dir, long supervisorPid) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Supervisor.STARTUP_TIMEOUT).plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<StackState> state = StackState.read(dir);
            if (state.isPresent()
                    && state.get().supervisorPid() == supervisorPid
                    && !"starting".equals(state.get().status())) {
                return state.get();
            }
            if (!StackState.isAlive(supervisorPid)) {
                throw new IOException("the stack supervisor exited before the stack was ready; see "
                        + dir.resolve("logs/supervisor.log"));
            }
            Thread.sleep(100);
        }
        throw new IOException(
                "the local stack in " + dir + " did not become ready in time; see " + dir.resolve("logs"));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String ownClasspath() {
        try {
            return Path.of(LocalStack.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
