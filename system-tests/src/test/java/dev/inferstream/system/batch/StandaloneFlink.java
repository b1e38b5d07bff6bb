/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.batch;

import dev.inferstream.stack.FlinkCluster;
import dev.inferstream.stack.FlinkClusterConfig;
import dev.inferstream.testkit.http.HttpText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster of the local stack (a JobManager and TaskManager processes, on the batch
 * scorer's Flink jars) and the batch jobs submitted to it with Flink's CLI ({@code flink run flink-batch-scorer.jar}).
 */
public final class StandaloneFlink implements AutoCloseable {
    private static final Pattern JOB_ID = Pattern.compile("\"jid\"\\s*:\\s*\"([0-9a-f]+)\"");
    private static final Pattern COMPLETED = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)");

    private final FlinkCluster cluster;
    private final Path dir;

    private StandaloneFlink(FlinkCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    /** Starts a cluster of one TaskManager (two slots) in {@code dir}, quick to notice a lost TaskManager. */
    public static StandaloneFlink start(Path dir) throws IOException, InterruptedException {
        String classpath = Files.readString(BatchJvm.file("local-classpath.txt"))
                        .trim()
                + File.pathSeparator
                + Files.readString(BatchJvm.file("flink-extras-classpath.txt")).trim();
        FlinkClusterConfig config = FlinkClusterConfig.of(dir, classpath, 0)
                .with(Map.of("heartbeat.interval", "1000", "heartbeat.timeout", "10000"));
        return new StandaloneFlink(FlinkCluster.start(config), dir);
    }

    /** Submits the batch scorer with {@code args} ({@code flink run}, attached); its output goes to {@code <name>.out}. */
    public Process submit(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of("run", BatchJvm.file("flink-batch-scorer.jar").toString(), "--job-name", name));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(cluster.cliCommand(command.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(output(name).toFile());
        builder.environment().put("FLINK_CONF_DIR", cluster.confDir().toString());
        return builder.start();
    }

    /** What {@code flink run} of job {@code name} printed so far. */
    public String printed(String name) {
        try {
            return Files.readString(output(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the only job the cluster lists, or null before it is submitted. */
    public String onlyJob() {
        Matcher m = JOB_ID.matcher(get("/jobs/overview"));
        return m.find() ? m.group(1) : null;
    }

    /** Checkpoints job {@code id} has completed. */
    public int completedCheckpoints(String id) {
        Matcher m = COMPLETED.matcher(get("/jobs/" + id + "/checkpoints"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Whether job {@code id} has failed over at least once (its exception history is not empty). */
    public boolean failedOver(String id) {
        return get("/jobs/" + id + "/exceptions").contains("\"entries\":[{");
    }

    /** Kills TaskManager {@code index} ({@code kill -9}) and starts a spare one. */
    public void replaceTaskManager(int index) throws IOException, InterruptedException {
        cluster.killTaskManager(index);
        cluster.startTaskManager();
    }

    private Path output(String name) {
        return dir.resolve(name + ".out");
    }

    private String get(String path) {
        return HttpText.get(cluster.restUrl() + path);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
