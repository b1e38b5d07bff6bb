/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A streaming scorer in its own JVM, started as users run it ({@code ScorerMain --config file}) from a given
 * classpath, so one benchmark run can compare two builds of the scorer side by side.
 */
final class ScorerJvm implements AutoCloseable {
    private static final String MAIN = "dev.inferstream.streaming.ScorerMain";

    private final Process process;
    private final Path log;
    private final int adminPort;

    private ScorerJvm(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
    }

    static ScorerJvm start(String classpath, Properties config, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        int adminPort = freePort();
        Properties withPort = new Properties();
        withPort.putAll(config);
        withPort.setProperty("scorer.admin.port", Integer.toString(adminPort));
        Path file = dir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            withPort.store(out, name);
        }
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        List.of(java, "-Xmx512m", "-cp", classpath, MAIN, "--config", file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ScorerJvm(process, log, adminPort);
    }

    /** Waits until the scorer answers ready on its admin port. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the scorer stopped:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the admin port opens during start-up
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the scorer was not ready after " + timeout + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM: the scorer commits and stops cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
