/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** A single-node KRaft broker (combined broker and controller) run from the {@code kafka_2.13} jars. */
final class KafkaBroker {
    private static final String STARTED = "Kafka Server started";

    private KafkaBroker() {}

    static JavaProcess start(StackArtifacts artifacts, Path dir, int port, int controllerPort)
            throws IOException, InterruptedException {
        Path home = dir.resolve("kafka");
        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.createDirectories(home);
        Files.writeString(config, serverProperties(data, port, controllerPort));
        Path log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J);
        List<String> jvm = List.of(
                "-Xms256m",
                "-Xmx768m",
                "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                artifacts.kafkaClasspath());
        Path log = dir.resolve("logs/kafka.log");
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = concat(
                    jvm,
                    List.of(
                            "kafka.tools.StorageTool",
                            "format",
                            "--cluster-id",
                            clusterId(),
                            "--config",
                            config.toString(),
                            "--ignore-formatted"));
            JavaProcess.runToCompletion("kafka storage format", format, home, log, Duration.ofMinutes(2));
        }
        return JavaProcess.start("kafka", concat(jvm, List.of("kafka.Kafka", config.toString())), home, log);
    }

    static boolean isStarted(JavaProcess broker) throws IOException {
        return Files.exists(broker.log()) && Files.readString(broker.log()).contains(STARTED);
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.consumer.heartbeat.interval.ms=1000",
                "group.consumer.min.heartbeat.interval.ms=500",
                "group.streams.heartbeat.interval.ms=1000",
                "group.streams.min.heartbeat.interval.ms=500",
                "");
    }

    /** A random id as Kafka writes them; like Kafka's own, never starting with '-' (it would read as an option). */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] uuid = new byte[16];
        String id;
        do {
            random.nextBytes(uuid);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
        } while (id.startsWith("-"));
        return id;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
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
            "");
}
