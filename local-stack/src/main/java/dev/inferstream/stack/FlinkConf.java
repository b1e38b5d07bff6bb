/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration folder of a local Flink cluster, as a Flink distribution's {@code conf/} holds it: {@code
 * config.yaml} (flat keys, loopback only), {@code log4j.properties} for the JobManager and TaskManagers (one file
 * each, named by {@code -Dlog.file}, which the web UI shows) and {@code log4j-cli.properties} for {@code flink run}.
 */
final class FlinkConf {
    /** The JVM flags Flink's own scripts pass on Java 17 ({@code env.java.opts.all} of a distribution). */
    static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** The share of Flink memory that is managed (off-heap, for RocksDB or batch sorts); the rest goes to the heap. */
    static final String MANAGED_FRACTION = "0.1";

    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.main.ref = MainAppender
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = WARN
            logger.netty.name = org.apache.flink.shaded.netty4
            logger.netty.level = WARN
            """;

    private static final String LOG4J_CLI = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = FileAppender
            appender.file.name = FileAppender
            appender.file.type = File
            appender.file.append = true
            appender.file.fileName = ${sys:log.file}
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;

    private FlinkConf() {}

    /** Writes the folder for a cluster whose JobManager listens on {@code rpcPort} and serves REST on {@code restPort}. */
    static void write(FlinkClusterConfig config, int rpcPort, int restPort) throws IOException {
        Path conf = config.confDir();
        Files.createDirectories(conf);
        Files.createDirectories(config.logs());
        Map<String, String> yaml = new LinkedHashMap<>();
        yaml.put("jobmanager.rpc.address", "127.0.0.1");
        yaml.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        yaml.put("jobmanager.bind-host", "127.0.0.1");
        yaml.put("jobmanager.memory.process.size", "768m");
        yaml.put("taskmanager.bind-host", "127.0.0.1");
        yaml.put("taskmanager.host", "127.0.0.1");
        yaml.put("taskmanager.numberOfTaskSlots", Integer.toString(config.slots()));
        yaml.put("taskmanager.memory.process.size", config.taskManagerMemory());
        // the batch scorer keeps its state on the heap and sorts nothing: most of Flink's default managed memory
        // (40%) would sit unused while its Parquet readers and writers need heap
        yaml.put("taskmanager.memory.managed.fraction", MANAGED_FRACTION);
        yaml.put("parallelism.default", "1");
        // Avro from the cluster's class path: a job's own copy leaves its name validator in a thread-local of the
        // JobManager's long-lived RPC threads, which keeps every finished job's classes loaded
        yaml.put("classloader.parent-first-patterns.additional", "org.apache.avro.");
        yaml.put("rest.address", "127.0.0.1");
        yaml.put("rest.bind-address", "127.0.0.1");
        yaml.put("rest.port", Integer.toString(restPort));
        yaml.put(
                "execution.checkpointing.dir",
                config.home().resolve("checkpoints").toUri().toString());
        yaml.put("io.tmp.dirs", config.home().resolve("tmp").toString());
        yaml.put("web.tmpdir", config.home().resolve("web").toString());
        yaml.put("env.java.opts.all", String.join(" ", JAVA_17_OPTIONS));
        yaml.putAll(config.settings());
        List<String> lines = new ArrayList<>();
        lines.add("# Written by scripts/flink-cluster: a standalone session cluster on this machine's loopback only.");
        yaml.forEach((k, v) -> lines.add(k + ": " + quote(v)));
        Files.write(conf.resolve("config.yaml"), lines);
        Files.writeString(conf.resolve("log4j.properties"), LOG4J);
        Files.writeString(conf.resolve("log4j-cli.properties"), LOG4J_CLI);
        Files.createDirectories(config.home().resolve("tmp"));
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_./:-]+") ? value : "'" + value.replace("'", "''") + "'";
    }
}
