/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ConfigJvm(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
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
            Path log = dir.resolve(name + ".log");
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(
                    List.of("-cp", System.getProperty("java.class.path"), mainClass, "--config", file.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ConfigJvm(name, process, log, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    /** The name it was started with. */
    public String name() {
        return name;
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Whether the JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log file, earlier runs of the same name included. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this run logged (an earlier run's lines in the same file left out). */
    public String ownLog() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until this run logs {@code text}; fails at once, with its log, when the JVM exits before. */
    public void awaitLog(String text, Duration timeout) {
        Awaitility.await(name + " logging '" + text + "'")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited before logging '" + text + "':\n" + ownLog());
                    }
                    return ownLog().contains(text);
                });
    }

    /** SIGTERM, then SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
