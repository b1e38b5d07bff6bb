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
import java.util.Optional;
import java.util.Properties;

/**
 * What a running stack publishes in {@code <dir>/stack.properties}: how to reach it and who runs it.
 *
 * @param status {@code starting}, {@code ready} or {@code failed}
 * @param ownerPid the process whose exit stops the stack, or -1 when it runs until stopped
 */
public record StackState(
        String status,
        long supervisorPid,
        long ownerPid,
        long kafkaPid,
        long registryPid,
        String bootstrapServers,
        String registryUrl,
        String error) {

    static final String FILE = "stack.properties";

    public boolean ready() {
        return "ready".equals(status);
    }

    public boolean supervisorAlive() {
        return isAlive(supervisorPid);
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
        return Optional.of(new StackState(
                p.getProperty("status", "failed"),
                Long.parseLong(p.getProperty("supervisor.pid", "-1")),
                Long.parseLong(p.getProperty("owner.pid", "-1")),
                Long.parseLong(p.getProperty("kafka.pid", "-1")),
                Long.parseLong(p.getProperty("registry.pid", "-1")),
                p.getProperty("bootstrap.servers", ""),
                p.getProperty("schema.registry.url", ""),
                p.getProperty("error", "")));
    }

    void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("status", status);
        p.setProperty("supervisor.pid", Long.toString(supervisorPid));
        p.setProperty("owner.pid", Long.toString(ownerPid));
        p.setProperty("kafka.pid", Long.toString(kafkaPid));
        p.setProperty("registry.pid", Long.toString(registryPid));
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("schema.registry.url", registryUrl);
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
                newStatus, supervisorPid, ownerPid, kafkaPid, registryPid, bootstrapServers, registryUrl, newError);
    }
}
