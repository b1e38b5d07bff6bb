/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster on this machine, as separate processes started the way Flink's own scripts
 * start them: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code
 * TaskManagerRunner}), each a JVM with the memory settings Flink's {@code BashJavaUtils} computes from {@code
 * config.yaml}. Jobs are submitted with Flink's CLI ({@link #cliCommand}), as {@code flink run} does.
 *
 * <pre>{@code
 * try (FlinkCluster flink = FlinkCluster.start(FlinkClusterConfig.of(dir, classpath, 0))) {
 *     System.out.println("web UI: " + flink.restUrl());
 * }
 * }</pre>
 */
public final class FlinkCluster implements AutoCloseable {
    static final String STATE_FILE = "flink/cluster.properties";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String PICK_ANOTHER_PORT = "stop it, or pick another port (--rest-port N, 0 for any free one)";
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    private final FlinkClusterConfig config;
    private final String restUrl;
    private final JavaProcess jobManager;
    private final List<String> taskManagerJvm;
    private final List<JavaProcess> taskManagers = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FlinkCluster(
            FlinkClusterConfig config, String restUrl, JavaProcess jobManager, List<String> taskManagerJvm) {
        this.config = config;
        this.restUrl = restUrl;
        this.jobManager = jobManager;
        this.taskManagerJvm = taskManagerJvm;
    }

    /** Starts the JobManager and {@code config.taskManagers()} TaskManagers; returns once they have registered. */
    public static FlinkCluster start(FlinkClusterConfig config) throws IOException, InterruptedException {
        int rpcPort = LoopbackPorts.free(0, "the JobManager's RPC", PICK_ANOTHER_PORT);
        int restPort = LoopbackPorts.free(config.restPort(), "the Flink web UI", PICK_ANOTHER_PORT);
        FlinkConf.write(config, rpcPort, restPort);
        List<String> jm = resourceParams(config, "GET_JM_RESOURCE_PARAMS");
        List<String> tm = resourceParams(config, "GET_TM_RESOURCE_PARAMS");
        JavaProcess jobManager = JavaProcess.start(
                "Flink JobManager",
                process(
                        config,
                        jm,
                        "jobmanager",
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        List.of("--executionMode", "cluster")),
                config.home(),
                config.logs().resolve("flink-jobmanager.out"));
        FlinkCluster cluster = new FlinkCluster(config, "http://127.0.0.1:" + restPort, jobManager, tm);
        try {
            cluster.awaitTaskManagers(0);
            for (int i = 0; i < config.taskManagers(); i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(config.taskManagers());
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The REST API and web UI, e.g. {@code http://127.0.0.1:8082}. */
    public String restUrl() {
        return restUrl;
    }

    /** The folder holding {@code config.yaml}: {@code FLINK_CONF_DIR} for Flink's CLI. */
    public Path confDir() {
        return config.confDir();
    }

    /** Starts one more TaskManager (it registers within seconds); returns its index. */
    public int startTaskManager() throws IOException {
        int index = taskManagers.size();
        taskManagers.add(JavaProcess.start(
                "Flink TaskManager " + index,
                process(
                        config,
                        taskManagerJvm,
                        "taskmanager-" + index,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        List.of()),
                config.home(),
                config.logs().resolve("flink-taskmanager-" + index + ".out")));
        writeState();
        return index;
    }

    /** The process id of the JobManager. */
    public long jobManagerPid() {
        return jobManager.pid();
    }

    /** The process id of TaskManager {@code index}. */
    public long taskManagerPid(int index) {
        return taskManagers.get(index).pid();
    }

    /** Kills TaskManager {@code index} at once, as a crash would ({@code kill -9}). */
    public void killTaskManager(int index) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(taskManagerPid(index)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** Waits until {@code count} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int count) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (true) {
            if (!jobManager.isAlive()) {
                throw new IOException("the Flink JobManager exited: " + jobManager.tail());
            }
            Optional<Integer> registered = registeredTaskManagers();
            if (registered.isPresent() && registered.get() >= count) {
                writeState();
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the Flink cluster did not have " + count + " TaskManager(s) within "
                        + STARTUP_TIMEOUT + "; see " + config.logs());
            }
            Thread.sleep(200);
        }
    }

    private Optional<Integer> registeredTaskManagers() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(restUrl + "/overview"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TASK_MANAGERS.matcher(response.body());
            return response.statusCode() == 200 && m.find()
                    ? Optional.of(Integer.parseInt(m.group(1)))
                    : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }

    /**
     * The command line of Flink's CLI ({@code CliFrontend}) against this cluster, e.g. {@code run -d job.jar …};
     * run it with {@code FLINK_CONF_DIR} set to {@link #confDir()}.
     */
    public List<String> cliCommand(String... args) {
        return cliCommand(config, List.of(args));
    }

    static List<String> cliCommand(FlinkClusterConfig config, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.javaBinary());
        command.addAll(FlinkConf.JAVA_17_OPTIONS);
        command.add("-Dlog.file=" + config.logs().resolve("flink-client.log"));
        command.add("-Dlog4j.configurationFile=" + config.confDir().resolve("log4j-cli.properties"));
        command.add("-cp");
        command.add(config.classpath());
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.addAll(args);
        return command;
    }

    /** Stops every process of the cluster (TaskManagers first). */
    @Override
    public void close() {
        for (JavaProcess tm : taskManagers) {
            tm.stop(STOP_GRACE);
        }
        jobManager.stop(STOP_GRACE);
        try {
            Files.deleteIfExists(config.dir().resolve(STATE_FILE));
        } catch (IOException ignored) {
            // a stale state file names dead processes, which status and stop recognise
        }
    }

    /** The REST URL of the cluster recorded in {@code dir}, when its JobManager is alive. */
    public static Optional<String> running(Path dir) {
        Properties state = state(dir);
        long pid = Long.parseLong(state.getProperty("jobmanager.pid", "-1"));
        return StackState.isAlive(pid) ? Optional.of(state.getProperty("rest.url")) : Optional.empty();
    }

    /** Stops the cluster recorded in {@code dir}, started by another process; false when none was running. */
    public static boolean stop(Path dir) {
        Properties state = state(dir);
        boolean running = false;
        List<Long> pids = new ArrayList<>();
        for (String pid : state.getProperty("taskmanager.pids", "").split(",")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid));
            }
        }
        pids.add(Long.parseLong(state.getProperty("jobmanager.pid", "-1")));
        for (long pid : pids) {
            if (StackState.isAlive(pid)) {
                running = true;
                ProcessHandle.of(pid).ifPresent(h -> JavaProcess.stop(h, STOP_GRACE));
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return running;
    }

    private static Properties state(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(STATE_FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(STATE_FILE), e);
        }
        return p;
    }

    private void writeState() throws IOException {
        Properties p = new Properties();
        p.setProperty("rest.url", restUrl);
        p.setProperty("conf.dir", config.confDir().toString());
        p.setProperty("jobmanager.pid", Long.toString(jobManager.pid()));
        p.setProperty(
                "taskmanager.pids",
                String.join(
                        ",",
                        taskManagers.stream()
                                .filter(JavaProcess::isAlive)
                                .map(t -> Long.toString(t.pid()))
                                .toList()));
        try (Writer w = Files.newBufferedWriter(config.dir().resolve(STATE_FILE))) {
            p.store(w, "local Flink cluster");
        }
    }

    private static List<String> process(
            FlinkClusterConfig config, List<String> jvm, String name, String mainClass, List<String> extra) {
        List<String> args = new ArrayList<>();
        args.add("-XX:+UseG1GC");
        args.addAll(FlinkConf.JAVA_17_OPTIONS);
        args.addAll(jvm.subList(0, 1).stream()
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(s -> !s.isBlank())
                .toList());
        args.add("-Dlog.file=" + config.logs().resolve("flink-" + name + ".log"));
        args.add("-Dlog4j.configurationFile=" + config.confDir().resolve("log4j.properties"));
        args.add("-cp");
        args.add(config.classpath());
        args.add(mainClass);
        args.add("--configDir");
        args.add(config.confDir().toString());
        args.addAll(extra);
        args.addAll(dynamicSettings(jvm.get(1)));
        return args;
    }

    /** {@code -D key=value -D key=value} as separate arguments. */
    private static List<String> dynamicSettings(String line) {
        return Arrays.stream(line.trim().split("\\s+"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /**
     * The JVM flags (first line) and memory settings (second line) of a JobManager or TaskManager, computed by
     * Flink's {@code BashJavaUtils} from {@code config.yaml}, as Flink's start scripts do.
     */
    private static List<String> resourceParams(FlinkClusterConfig config, String command)
            throws IOException, InterruptedException {
        Path log = config.logs().resolve("flink-bash-java-utils.log");
        Files.deleteIfExists(log);
        JavaProcess.runToCompletion(
                "Flink BashJavaUtils " + command,
                List.of(
                        "-cp",
                        config.classpath(),
                        "-Dlog4j2.level=WARN",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        config.confDir().toString()),
                config.home(),
                log,
                Duration.ofMinutes(2));
        List<String> results = Files.readAllLines(log).stream()
                .filter(l -> l.startsWith(RESULT))
                .map(l -> l.substring(RESULT.length()))
                .toList();
        if (results.size() != 2) {
            throw new IOException("Flink's BashJavaUtils " + command + " printed " + results.size()
                    + " results instead of 2; see " + log);
        }
        return results;
    }
}
