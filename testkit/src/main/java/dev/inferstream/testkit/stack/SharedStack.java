/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.stack;

import dev.inferstream.stack.LocalStack;
import dev.inferstream.stack.StackConfig;
import dev.inferstream.stack.StackState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds or starts the one stack a build's tests share.
 *
 * <p>Under Maven the build passes {@code inferstream.stack.dir}; the first test JVM that needs the stack starts
 * it there, owned by the Maven process, and later modules' test JVMs reuse it; it stops when Maven exits. Run
 * elsewhere (an IDE), the stack lives as long as the test JVM. Setting {@code INFERSTREAM_BOOTSTRAP_SERVERS} and
 * {@code INFERSTREAM_SCHEMA_REGISTRY_URL} points the tests at an already running stack instead.
 */
public final class SharedStack {
    private static TestStack instance;

    private SharedStack() {}

    public static synchronized TestStack get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    private static TestStack locate() {
        String bootstrap = System.getenv("INFERSTREAM_BOOTSTRAP_SERVERS");
        String registry = System.getenv("INFERSTREAM_SCHEMA_REGISTRY_URL");
        if (bootstrap != null && registry != null) {
            return new TestStack(bootstrap, registry);
        }
        String configured = System.getProperty("inferstream.stack.dir");
        Path dir =
                Path.of(configured != null ? configured : "target/test-stack").toAbsolutePath();
        long owner = configured != null
                ? ProcessHandle.current()
                        .parent()
                        .map(ProcessHandle::pid)
                        .orElse(ProcessHandle.current().pid())
                : ProcessHandle.current().pid();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(
                            dir.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                StackState state = LocalStack.start(StackConfig.ephemeral(dir), owner);
                return new TestStack(state.bootstrapServers(), state.registryUrl());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test stack in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test stack", e);
        }
    }
}
