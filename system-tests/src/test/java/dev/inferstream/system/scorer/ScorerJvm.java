/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.scorer;

import dev.inferstream.streaming.ScorerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One streaming scorer instance as users run it ({@code ScorerMain --config file}) in its own JVM. */
public final class ScorerJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final int adminPort;
    private final long logStart;

    private ScorerJvm(String name, Process process, Path log, int adminPort, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
        this.logStart = logStart;
    }

    /**
     * Starts an instance with {@code config} (its admin port set to a free one), logging to {@code <dir>/<name>.log}
     * (appended to, so a restarted instance keeps one log).
     */
    public static ScorerJvm start(Properties config, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            int adminPort = freePort();
            Properties own = new Properties();
            own.putAll(config);
            own.setProperty("scorer.admin.port", Integer.toString(adminPort));
            own.setProperty("scorer.id", name);
            Path file = dir.resolve(name + ".properties");
            try (Writer out = Files.newBufferedWriter(file)) {
                own.store(out, name);
            }
            Path log = dir.resolve(name + ".log");
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(
                            java,
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            ScorerMain.class.getName(),
                            "--config",
                            file.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ScorerJvm(name, process, log, adminPort, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start scorer " + name, e);
        }
    }

    public String name() {
        return name;
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this run of the instance logged (an earlier run's lines in the same file left out). */
    public String ownLog() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until this run of the instance logs {@code text}; fails at once, with its log, when it exits before. */
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

    /** Its Prometheus metrics, from the admin port. */
    public String metrics() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of one series of {@link #metrics}, named and labelled as Prometheus prints it (e.g. {@code
     * inferstream_model_loads_total{model="fraud",outcome="failed",version="2"}}); 0 when it is not there yet.
     */
    public double metric(String series) {
        return metrics()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length()).trim()))
                .findFirst()
                .orElse(0);
    }

    /** How many times this run of the instance logged {@code text}. */
    public int logCount(String text) {
        String log = ownLog();
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }

    /** SIGTERM, then SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
