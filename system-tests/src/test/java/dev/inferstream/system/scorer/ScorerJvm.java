/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.scorer;

import dev.inferstream.streaming.ScorerMain;
import dev.inferstream.testkit.cli.ConfigJvm;
import dev.inferstream.testkit.http.HttpText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** One streaming scorer instance as users run it ({@code ScorerMain --config file}) in its own JVM. */
public final class ScorerJvm implements AutoCloseable {
    private final ConfigJvm jvm;
    private final int adminPort;

    private ScorerJvm(ConfigJvm jvm, int adminPort) {
        this.jvm = jvm;
        this.adminPort = adminPort;
    }

    /**
     * Starts an instance with {@code config} (its admin port set to a free one), logging to {@code <dir>/<name>.log}
     * (appended to, so a restarted instance keeps one log).
     */
    public static ScorerJvm start(Properties config, Path dir, String name) {
        int adminPort = freePort();
        Properties own = new Properties();
        own.putAll(config);
        own.setProperty("scorer.admin.port", Integer.toString(adminPort));
        own.setProperty("scorer.id", name);
        return new ScorerJvm(
                ConfigJvm.start(ScorerMain.class.getName(), own, dir, name, List.of("-Xmx384m", "-XX:+UseSerialGC")),
                adminPort);
    }

    /** The instance's name, also its {@code scorer.id}. */
    public String name() {
        return jvm.name();
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    /** Whether the instance's JVM is still running. */
    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Its whole log, earlier runs under the same name included. */
    public String log() {
        return jvm.log();
    }

    /** What this run of the instance logged (an earlier run's lines in the same file left out). */
    public String ownLog() {
        return jvm.ownLog();
    }

    /** Waits until this run of the instance logs {@code text}; fails at once, with its log, when it exits before. */
    public void awaitLog(String text, Duration timeout) {
        jvm.awaitLog(text, timeout);
    }

    /** Its Prometheus metrics, from the admin port. */
    public String metrics() {
        return HttpText.get("http://127.0.0.1:" + adminPort + "/metrics");
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
        jvm.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the scorer's admin server", e);
        }
    }
}
