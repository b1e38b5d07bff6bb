/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One KRaft node run from the {@code kafka_2.13} jars, a broker and a controller at once (combined mode): a stack of
 * three is three such nodes forming a three-voter controller quorum.
 */
final class KafkaBroker {
    private static final String STARTED = "Kafka Server started";

    private KafkaBroker() {}

    /** The node's name in the stack's state and commands: {@code kafka-<id>}. */
    static String name(int id) {
        return "kafka-" + id;
    }

    /**
     * Formats the node's storage on first use, then starts it.
     *
     * @param cluster every node of the stack (the controller quorum) and its settings
     */
    static JavaProcess start(StackArtifacts artifacts, Path dir, BrokerLayout cluster, int id)
            throws IOException, InterruptedException {
        Path home = dir.resolve("kafka").resolve(name(id));
        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.createDirectories(home);
        Files.writeString(config, cluster.serverProperties(id, data));
        Path log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J);
        String heap = cluster.nodes().size() > 1 ? "-Xmx512m" : "-Xmx768m";
        List<String> jvm = List.of(
                "-Xms256m",
                heap,
                "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                artifacts.kafkaClasspath());
        Path log = dir.resolve("logs").resolve(name(id) + ".log");
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(jvm);
            format.addAll(List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "--cluster-id",
                    cluster.clusterId(),
                    "--config",
                    config.toString(),
                    "--ignore-formatted"));
            format.addAll(cluster.formatArguments());
            JavaProcess.runToCompletion("kafka storage format", format, home, log, Duration.ofMinutes(2));
        }
        List<String> run = new ArrayList<>(jvm);
        run.addAll(List.of("kafka.Kafka", config.toString()));
        return JavaProcess.start(name(id), run, home, log);
    }

    /** Whether the node has logged that it serves, since this process started. */
    static boolean isStarted(JavaProcess broker) throws IOException {
        return broker.logSinceStart().contains(STARTED);
    }

    private static final String LOG4J = String.join(
            "\n",
            "appender.out.type=Console",
            "appender.out.name=out",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=[%d] %p %m (%c)%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=out",
            "logger.kafka.name=kafka",
            "logger.kafka.level=INFO",
            "logger.state.name=state.change.logger",
            "logger.state.level=WARN",
            "logger.request.name=kafka.request.logger",
            "logger.request.level=WARN",
            "logger.log.name=org.apache.kafka.storage.internals.log",
            "logger.log.level=WARN",
            "logger.cleaner.name=kafka.log.LogCleaner",
            "logger.cleaner.level=WARN",
            "logger.authorizer.name=kafka.authorizer.logger",
            "logger.authorizer.level=WARN",
            "");
}
