/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.File;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM whose output goes to a log file (appended to, so a restarted program keeps one log). */
public final class JavaProcess {
    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;

    private JavaProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts {@code java} with {@code jvmAndMainArgs} (JVM options, then the class path and main class and its
     * arguments) in {@code workDir}, its output and errors appended to {@code log}.
     */
    public static JavaProcess start(String name, List<String> jvmAndMainArgs, Path workDir, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmAndMainArgs);
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new JavaProcess(name, process, log, logStart);
    }

    /** Runs a JVM to completion and fails with the tail of its log when it exits non-zero. */
    static void runToCompletion(String name, List<String> args, Path workDir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        JavaProcess p = start(name, args, workDir, log);
        if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.process.destroyForcibly();
            throw new IOException(name + " did not finish within " + timeout + "; see " + log);
        }
        if (p.process.exitValue() != 0) {
            throw new IOException(name + " failed with exit code " + p.process.exitValue() + ": " + p.tail());
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** What this process has logged: its log file from where it stood when the process started. */
    public String logSinceStart() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (SeekableByteChannel in = Files.newByteChannel(log)) {
            long from = Math.min(logStart, in.size());
            in.position(from);
            return new String(Channels.newInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Kills the process at once (SIGKILL) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String name() {
        return name;
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to stop (SIGTERM), then kills it when it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (Exception timeout) {
            handle.destroyForcibly();
        }
    }
}
