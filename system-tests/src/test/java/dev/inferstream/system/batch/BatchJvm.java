/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.batch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The batch scorer as {@code scripts/batch-score} runs it: the shaded job jar and Flink's own jars on an embedded
 * MiniCluster, in a JVM of its own. The jars are the ones {@code flink-batch-scorer}'s {@code package} left in the
 * folder named by the system property {@code batch.scorer.target}.
 */
public final class BatchJvm {
    private static final List<String> OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED");

    private static final Path TARGET = Path.of(
                    System.getProperty("batch.scorer.target", "../flink-batch-scorer/target"))
            .toAbsolutePath();
    private static final Path LOGGING =
            TARGET.resolve("../../scripts/log4j2-batch.properties").normalize();

    private BatchJvm() {}

    /** How a run ended: its exit code and everything it printed. */
    public record Run(int exitCode, String log) {}

    /**
     * Runs {@code batch-score} with {@code args} until it exits (killed after {@code timeout}), logging to {@code
     * <dir>/<name>.log}.
     */
    public static Run run(Path dir, String name, Duration timeout, List<String> args) {
        Path jar = file("flink-batch-scorer.jar");
        Path classpath = file("local-classpath.txt");
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(OPENS);
            command.addAll(List.of(
                    // the logging of scripts/batch-score: the job's progress and failures, not Flink's chatter
                    "-Dlog4j2.configurationFile=" + LOGGING,
                    "-Xmx768m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    jar + File.pathSeparator + Files.readString(classpath).trim(),
                    "dev.inferstream.batch.BatchScorerMain"));
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(
                            "batch job " + name + " still running after " + timeout + ":\n" + Files.readString(log));
                }
                return new Run(process.exitValue(), Files.readString(log));
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run batch job " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file {@code flink-batch-scorer}'s {@code package} made; fails saying how to make it when it is missing. */
    static Path file(String name) {
        Path file = TARGET.resolve(name);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no " + file + ": package the batch scorer first "
                    + "(./mvnw -B package -pl flink-batch-scorer -am -DskipTests)");
        }
        return file;
    }

    /**
     * The command-line form of a client configuration: {@code --bootstrap-servers}, {@code --schema-registry-url},
     * {@code --schema.registry.<key>} and {@code --basic.auth.<key>} for the registry, {@code --kafka.<key>} for the
     * rest.
     */
    public static List<String> clientArguments(Properties client) {
        List<String> args = new ArrayList<>();
        for (String key : client.stringPropertyNames().stream().sorted().toList()) {
            String value = client.getProperty(key);
            switch (key) {
                case "bootstrap.servers" -> args.addAll(List.of("--bootstrap-servers", value));
                case "schema.registry.url" -> args.addAll(List.of("--schema-registry-url", value));
                default ->
                    args.addAll(List.of(
                            key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                                    ? "--" + key
                                    : "--kafka." + key,
                            value));
            }
        }
        return args;
    }
}
