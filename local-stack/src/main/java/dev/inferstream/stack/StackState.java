/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a running stack publishes in {@code <dir>/stack.properties}: how to reach it and who runs it.
 *
 * @param status {@code starting}, {@code ready}, {@code failed} or {@code stopped}
 * @param ownerPid the process whose exit stops the stack, or -1 when it runs until stopped
 * @param pids the process of each node ({@code kafka-1} … {@code kafka-N}, {@code registry}); -1 while it is down
 * @param clientConfig the admin's client configuration file of a secured stack, else empty
 */
public record StackState(
        String status,
        long supervisorPid,
        long ownerPid,
        Map<String, Long> pids,
        String bootstrapServers,
        String registryUrl,
        String clientConfig,
        String error) {

    static final String FILE = "stack.properties";
    private static final String PID = "pid.";

    public StackState {
        pids = Collections.unmodifiableMap(new TreeMap<>(pids));
    }

    public boolean ready() {
        return "ready".equals(status);
    }

    public boolean supervisorAlive() {
        return isAlive(supervisorPid);
    }

    /** The process of {@code node}, or -1 when it is down or not part of this stack. */
    public long pid(String node) {
        return pids.getOrDefault(node, -1L);
    }

    /** The brokers' node names, {@code kafka-1} … {@code kafka-N}. */
    public List<String> brokers() {
        return pids.keySet().stream().filter(n -> n.startsWith("kafka-")).toList();
    }

    /** Whether clients need {@link #clientConfig()} (SASL_SSL) to talk to this stack. */
    public boolean secured() {
        return !clientConfig.isEmpty();
    }

    static boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static Optional<StackState> read(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
        }
        Map<String, Long> pids = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PID)) {
                pids.put(key.substring(PID.length()), Long.parseLong(p.getProperty(key)));
            }
        }
        return Optional.of(new StackState(
                p.getProperty("status", "failed"),
                Long.parseLong(p.getProperty("supervisor.pid", "-1")),
                Long.parseLong(p.getProperty("owner.pid", "-1")),
                pids,
                p.getProperty("bootstrap.servers", ""),
                p.getProperty("schema.registry.url", ""),
                p.getProperty("client.config", ""),
                p.getProperty("error", "")));
    }

    void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("status", status);
        p.setProperty("supervisor.pid", Long.toString(supervisorPid));
        p.setProperty("owner.pid", Long.toString(ownerPid));
        pids.forEach((node, pid) -> p.setProperty(PID + node, Long.toString(pid)));
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("schema.registry.url", registryUrl);
        p.setProperty("client.config", clientConfig);
        p.setProperty("error", error);
        try {
            Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "local stack state");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    StackState with(String newStatus, String newError) {
        return new StackState(
                newStatus, supervisorPid, ownerPid, pids, bootstrapServers, registryUrl, clientConfig, newError);
    }

    StackState withPid(String node, long pid) {
        Map<String, Long> next = new TreeMap<>(pids);
        next.put(node, pid);
        return new StackState(
                status, supervisorPid, ownerPid, next, bootstrapServers, registryUrl, clientConfig, error);
    }
}
