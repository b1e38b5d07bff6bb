/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The scorer as users run it, {@code ScorerMain --config file}, in its own JVM, so a test can kill it hard. */
final class ScorerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ScorerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ScorerProcess start(Properties config, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, name);
        }
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ScorerMain.class.getName(),
                        "--config",
                        file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ScorerProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
