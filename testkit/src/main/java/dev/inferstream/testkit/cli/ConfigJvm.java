/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.cli;

import dev.inferstream.stack.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * A long-running program in a JVM of its own, started as users run the project's servers ({@code <main> --config
 * <properties file>}) on this test's classpath, so that a test can stop it gently, kill it hard and read its log. The
 * log ({@code <dir>/<name>.log}) is appended to: a restarted program keeps one log, and {@link #ownLog()} is this
 * run's part of it.
 *
 * <pre>{@code
 * try (ConfigJvm scorer = ConfigJvm.start("dev.inferstream.streaming.ScorerMain", config, dir, "first", List.of())) {
 *     scorer.awaitLog("started", Duration.ofMinutes(2));
 *     scorer.kill();
 * }
 * }</pre>
 */
public final class ConfigJvm implements AutoCloseable {
    private final JavaProcess process;

    private ConfigJvm(JavaProcess process) {
        this.process = process;
    }

    /**
     * Writes {@code config} to {@code <dir>/<name>.properties} and starts {@code mainClass} with it, with {@code
     * jvmOptions} (e.g. {@code -Xmx512m}) before the class name.
     *
     * @throws UncheckedIOException when the file cannot be written or the JVM not started
     */
    public static ConfigJvm start(String mainClass, Properties config, Path dir, String name, List<String> jvmOptions) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".properties");
            try (Writer out = Files.newBufferedWriter(file)) {
                config.store(out, name);
            }
            List<String> args = new ArrayList<>(jvmOptions);
            args.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "--config", file.toString()));
            return new ConfigJvm(
                    JavaProcess.start(name, args, Path.of("").toAbsolutePath(), dir.resolve(name + ".log")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    /** The name it was started with. */
    public String name() {
        return process.name();
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Whether the JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log file, earlier runs of the same name included. */
    public String log() {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this run logged (an earlier run's lines in the same file left out). */
    public String ownLog() {
        try {
            return process.logSinceStart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until this run logs {@code text}; fails at once, with its log, when the JVM exits before. */
    public void awaitLog(String text, Duration timeout) {
        Awaitility.await(name() + " logging '" + text + "'")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name() + " exited before logging '" + text + "':\n" + ownLog());
                    }
                    return ownLog().contains(text);
                });
    }

    /** SIGTERM, then SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(40));
    }
}
