/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Commands to a running stack's supervisor ({@code down kafka-2 hard}, {@code up registry}), passed as files in
 * {@code <dir>/requests}: the caller writes {@code <id>.req}, the supervisor answers in {@code <id>.done}.
 */
final class NodeRequests {
    static final String OK = "ok";

    private NodeRequests() {}

    /** Sends {@code command} and waits for the answer; fails with the supervisor's reason. */
    static void send(Path dir, StackState stack, String command, Duration timeout)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectories(dir.resolve("requests"));
        String id = System.nanoTime() + "-" + UUID.randomUUID();
        Path tmp = folder.resolve(id + ".tmp");
        Files.writeString(tmp, command);
        Files.move(tmp, folder.resolve(id + ".req"), StandardCopyOption.ATOMIC_MOVE);
        Path done = folder.resolve(id + ".done");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(done)) {
            if (!stack.supervisorAlive()) {
                throw new IOException("the stack in " + dir + " is not running: start it first");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the stack did not carry out '" + command + "' within " + timeout + "; see "
                        + dir.resolve("logs/supervisor.log"));
            }
            Thread.sleep(100);
        }
        String answer = Files.readString(done).trim();
        Files.deleteIfExists(done);
        if (!answer.equals(OK)) {
            throw new IOException(answer);
        }
    }

    /** Requests waiting for the supervisor, oldest first. */
    static List<Path> pending(Path dir) throws IOException {
        Path folder = dir.resolve("requests");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".req"))
                    .sorted()
                    .toList();
        }
    }

    static String command(Path request) throws IOException {
        return Files.readString(request).trim();
    }

    /** Answers {@code request}: {@link #OK} or the reason it failed. */
    static void answer(Path request, String answer) throws IOException {
        String name = request.getFileName().toString();
        Path tmp = request.resolveSibling(name.replace(".req", ".answer"));
        Files.writeString(tmp, answer);
        Files.move(tmp, request.resolveSibling(name.replace(".req", ".done")), StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(request);
    }
}
