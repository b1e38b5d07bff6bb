/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Command line of the local Flink cluster: {@code start | stop | status}. */
public final class FlinkClusterMain {
    private static final String USAGE = """
            usage: scripts/flink-cluster start|stop|status [--rest-port N] [--taskmanagers N] [--slots N]
                                                            [--taskmanager-memory SIZE]
              start    start a standalone Flink session cluster in the background: a JobManager (web UI and REST
                       API on 127.0.0.1:8082; --rest-port 0 picks a free port) and TaskManagers (default 1, 2 slots,
                       1280m of process memory each: about 200 MiB of heap per slot; give more, e.g. 2g, for
                       Parquet row groups over 64 MiB or more slots)
              stop     stop it
              status   say whether it runs and where (exit 3 when not)
            Submit jobs with scripts/flink run <jar> <options>. Logs: <stack dir>/logs/flink-*.log.
              --help, --version""";

    private FlinkClusterMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            out.println(USAGE);
            return;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("flink-cluster " + StackArtifacts.projectVersion());
            return;
        }
        CommandOptions options = CommandOptions.parse(args, 1, USAGE);
        Path dir = Path.of(options.get("--dir", ".local-stack")).toAbsolutePath();
        switch (args[0]) {
            case "start" -> start(out, dir, options);
            case "stop" ->
                out.println(FlinkCluster.stop(dir) ? "Flink cluster stopped" : "Flink cluster was not running");
            case "status" -> {
                Optional<String> url = FlinkCluster.running(dir);
                if (url.isEmpty()) {
                    out.println("Flink cluster not running");
                    System.exit(3);
                }
                out.println("Flink cluster running");
                out.println("  web UI / REST = " + url.get());
                out.println("  logs          = " + dir.resolve("logs"));
            }
            default -> CommandOptions.fail("unknown command '" + args[0] + "'\n" + USAGE);
        }
    }

    private static void start(PrintStream out, Path dir, CommandOptions options)
            throws IOException, InterruptedException {
        Optional<String> running = FlinkCluster.running(dir);
        if (running.isPresent()) {
            out.println("Flink cluster already running: web UI " + running.get());
            return;
        }
        List<String> classpath = new ArrayList<>();
        for (String file : options.get("--classpath-file", "").split(",")) {
            if (file.isBlank() || !Files.exists(Path.of(file))) {
                CommandOptions.fail(
                        "the Flink classpath file '" + file + "' does not exist: build the batch scorer first "
                                + "(./mvnw -pl flink-batch-scorer -am package -DskipTests)");
            }
            classpath.add(Files.readString(Path.of(file)).trim());
        }
        FlinkClusterConfig config = null;
        try {
            config = FlinkClusterConfig.of(
                            dir,
                            String.join(File.pathSeparator, classpath),
                            options.number("--rest-port", FlinkClusterConfig.DEVELOPER_REST_PORT, "a number"))
                    .withTaskManagers(
                            options.number("--taskmanagers", 1, "a number"), options.number("--slots", 2, "a number"))
                    .withTaskManagerMemory(
                            options.get("--taskmanager-memory", FlinkClusterConfig.DEFAULT_TASK_MANAGER_MEMORY));
        } catch (IllegalArgumentException e) {
            CommandOptions.fail(e.getMessage());
        }
        // the processes outlive this command; scripts/flink-cluster stop ends them
        FlinkCluster cluster = FlinkCluster.start(config);
        out.println("Flink cluster ready");
        out.println("  web UI / REST = " + cluster.restUrl());
        out.println("  TaskManagers  = " + config.taskManagers() + " x " + config.slots() + " slots, "
                + config.taskManagerMemory() + " each");
        out.println("  logs          = " + config.logs());
        out.println("  submit a job  : scripts/flink run flink-batch-scorer/target/flink-batch-scorer.jar …");
    }
}
