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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A process under test in its own JVM ({@code <main> --config <file>}) from a given classpath: a streaming scorer
 * as users run it, or one of the copy programs it is measured against, so one benchmark run can compare builds and
 * programs side by side and read each one's CPU time.
 */
final class BenchJvm implements AutoCloseable {
    static final String SCORER = "dev.inferstream.streaming.ScorerMain";

    private final Process process;
    private final Path log;
    private final int adminPort;

    private BenchJvm(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
    }

    /** A streaming scorer, with a free admin port for {@link #awaitReady}. */
    static BenchJvm scorer(String classpath, Properties config, Path dir, String name) throws IOException {
        int adminPort = freePort();
        Properties withPort = new Properties();
        withPort.putAll(config);
        withPort.setProperty("scorer.admin.port", Integer.toString(adminPort));
        return start(classpath, SCORER, withPort, dir, name, adminPort);
    }

    /** Any program taking {@code --config <properties file>}. */
    static BenchJvm program(String classpath, String main, Properties config, Path dir, String name)
            throws IOException {
        return start(classpath, main, config, dir, name, -1);
    }

    private static BenchJvm start(String classpath, String main, Properties config, Path dir, String name, int port)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, name);
        }
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // e.g. -Dbench.jvm.args=-XX:StartFlightRecording=filename=/tmp/run.jfr to profile each program
        String extra = System.getProperty("bench.jvm.args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, main, "--config", file.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new BenchJvm(process, log, port);
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

    /** CPU time the process has used so far, all threads (user + system), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this platform does not report a process's CPU time"))
                .toNanos();
    }

    /** The process's output so far, for a failed run's message. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL: the program stops at once, committing nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the program commits and stops cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
