/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command line as a user runs it: a separate process with its own environment, its output captured,
 * its duration measured, killed when it outlives a deadline. For tests of what a CLI prints and how fast it fails.
 *
 * <pre>{@code
 * CommandRun run = CommandRun.java(List.of("-jar", "target/scorerctl.jar", "--version"), Map.of(), Duration.ofSeconds(15));
 * assertThat(run.exit()).isZero();
 * }</pre>
 *
 * @param exit the exit code, or -1 when the process was killed at the deadline
 */
public record CommandRun(int exit, String out, String err, Duration took) {

    /** Runs {@code command} in {@code dir} with {@code env} added to this process's environment. */
    public static CommandRun run(List<String> command, Map<String, String> env, Path dir, Duration deadline) {
        return run(command, env, dir, deadline, null);
    }

    /** As {@link #run(List, Map, Path, Duration)}, reading standard input from {@code stdin} (null: none). */
    public static CommandRun run(
            List<String> command, Map<String, String> env, Path dir, Duration deadline, Path stdin) {
        try {
            Path out = Files.createTempFile("command", ".out");
            Path err = Files.createTempFile("command", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(
                                ProcessBuilder.Redirect.from(stdin != null ? stdin.toFile() : new File("/dev/null")));
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                boolean finished = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                return new CommandRun(
                        finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err), took);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs this JVM's {@code java} with {@code args}, in the current directory. */
    public static CommandRun java(List<String> args, Map<String, String> env, Duration deadline) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return run(command, env, Path.of("."), deadline);
    }

    /** Standard output and error together, for assertions on a message wherever it was printed. */
    public String output() {
        return out + err;
    }

    /**
     * Checks the run exited with {@code exit}, printed every one of {@code words} and took less than
     * {@code within}; fails with what it printed otherwise.
     */
    public CommandRun expect(int exit, Duration within, String... words) {
        if (this.exit != exit) {
            throw new AssertionError("expected exit " + exit + " but got " + this.exit + "; output:\n" + output());
        }
        for (String word : words) {
            if (!output().contains(word)) {
                throw new AssertionError("expected the output to contain '" + word + "'; output:\n" + output());
            }
        }
        if (took.compareTo(within) >= 0) {
            throw new AssertionError("took " + took + ", not less than " + within + "; output:\n" + output());
        }
        return this;
    }

    /** A loopback port nothing listens on (free when this returns), for "unreachable server" cases. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
