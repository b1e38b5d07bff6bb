/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process that owns a stack: starts the brokers and the registry, publishes their addresses once all answer,
 * takes single nodes down and up on request (fault injection), and stops everything on SIGTERM or when the owner
 * process (if any) exits. A node that exits without being asked to marks the stack failed.
 */
final class Supervisor {
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String STOP_OR_CHOOSE = "stop that process or choose another port";

    private final StackConfig config;
    private final long ownerPid;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The running nodes by name; a node taken down on request is absent. */
    private final Map<String, JavaProcess> running = new ConcurrentHashMap<>();

    private StackArtifacts artifacts;
    private BrokerLayout layout;
    private StackKeys keys;
    private int registryPort;
    private HttpClient http;
    private StackState state;
    private volatile boolean childrenStopped;

    Supervisor(StackConfig config, long ownerPid) {
        this.config = config;
        this.ownerPid = ownerPid;
    }

    void run() throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "stack-shutdown"));
        state = new StackState("starting", self, ownerPid, Map.of(), "", "", "", "");
        state.write(config.dir());
        try {
            List<BrokerLayout.Node> nodes = new ArrayList<>();
            for (int i = 0; i < config.brokers(); i++) {
                nodes.add(new BrokerLayout.Node(
                        i + 1,
                        LoopbackPorts.free(config.kafkaPort(i), "the Kafka", STOP_OR_CHOOSE),
                        LoopbackPorts.free(config.controllerPort(i), "the Kafka controller", STOP_OR_CHOOSE)));
            }
            registryPort = LoopbackPorts.free(config.registryPort(), "the schema registry", STOP_OR_CHOOSE);
            keys = config.security() == StackSecurity.SASL_SSL ? StackKeys.ensure(config.dir()) : null;
            http = keys == null
                    ? HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(2))
                            .build()
                    : keys.httpClient();
            layout = new BrokerLayout(nodes, clusterId(), config.replicationFactor(), config.minInsyncReplicas(), keys);
            artifacts = StackArtifacts.load();
            Files.createDirectories(config.dir().resolve("registry"));
            for (BrokerLayout.Node node : nodes) {
                start(KafkaBroker.name(node.id()));
            }
            start(SchemaRegistry.NAME);
            awaitReady(List.copyOf(running.keySet()));
            String registryUrl = SchemaRegistry.url(registryPort, keys != null);
            if (keys != null) {
                keys.writeClientConfig(layout.bootstrapServers(), registryUrl);
            }
            Map<String, Long> pids = new TreeMap<>();
            running.forEach((name, process) -> pids.put(name, process.pid()));
            state = new StackState(
                    "ready",
                    self,
                    ownerPid,
                    pids,
                    layout.bootstrapServers(),
                    registryUrl,
                    keys == null ? "" : keys.adminConfig().toString(),
                    "");
            state.write(config.dir());
        } catch (Exception e) {
            state.with("failed", e.getMessage() == null ? e.toString() : e.getMessage())
                    .write(config.dir());
            stopChildren();
            return;
        }
        if (ownerPid > 0) {
            ProcessHandle.of(ownerPid)
                    .ifPresentOrElse(owner -> owner.onExit().thenRun(stopped::countDown), stopped::countDown);
        }
        watch();
    }

    private void watch() throws InterruptedException {
        while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
            try {
                for (Path request : NodeRequests.pending(config.dir())) {
                    NodeRequests.answer(request, carryOut(NodeRequests.command(request)));
                }
            } catch (IOException e) {
                System.err.println("cannot read or answer a request: " + e.getMessage());
            }
            for (JavaProcess child : running.values()) {
                if (!child.isAlive()) {
                    state.with("failed", child.name() + " exited unexpectedly: " + child.tail())
                            .write(config.dir());
                    stopChildren();
                    return;
                }
            }
        }
        stopChildren();
    }

    /** Carries out {@code down <node> [hard]} or {@code up <node>}; answers {@link NodeRequests#OK} or why not. */
    private String carryOut(String command) {
        String[] words = command.split("\\s+");
        if (words.length < 2 || !(words[0].equals("down") || words[0].equals("up"))) {
            return "unknown request '" + command + "'";
        }
        String node = words[1];
        if (!state.pids().containsKey(node)) {
            return "no node '" + node + "' in this stack: its nodes are "
                    + state.pids().keySet();
        }
        try {
            if (words[0].equals("down")) {
                JavaProcess process = running.remove(node);
                if (process != null) {
                    if (words.length > 2 && words[2].equals("hard")) {
                        process.kill();
                    } else {
                        process.stop(STOP_GRACE);
                    }
                }
                state = state.withPid(node, -1);
            } else if (!running.containsKey(node)) {
                start(node);
                awaitReady(List.of(node));
                state = state.withPid(node, running.get(node).pid());
            }
            state.write(config.dir());
            System.out.println(command + ": done");
            return NodeRequests.OK;
        } catch (IOException e) {
            return command + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command + " interrupted";
        }
    }

    private void start(String node) throws IOException, InterruptedException {
        JavaProcess process = node.equals(SchemaRegistry.NAME)
                ? SchemaRegistry.start(artifacts, config.dir(), registryPort, keys)
                : KafkaBroker.start(
                        artifacts, config.dir(), layout, Integer.parseInt(node.substring("kafka-".length())));
        running.put(node, process);
        if (childrenStopped) {
            process.stop(STOP_GRACE);
        }
    }

    private void awaitReady(List<String> nodes) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        List<String> waiting = new ArrayList<>(nodes);
        while (!waiting.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the stack did not start within " + STARTUP_TIMEOUT + " (" + waiting
                        + " not ready); see " + config.dir().resolve("logs"));
            }
            for (String node : List.copyOf(waiting)) {
                JavaProcess child = running.get(node);
                if (!child.isAlive()) {
                    throw new IOException(child.name() + " exited during start-up: " + child.tail());
                }
                boolean ready = node.equals(SchemaRegistry.NAME)
                        ? SchemaRegistry.isReady(http, SchemaRegistry.url(registryPort, keys != null))
                        : KafkaBroker.isStarted(child);
                if (ready) {
                    waiting.remove(node);
                }
            }
            Thread.sleep(200);
        }
    }

    private synchronized void stopChildren() {
        if (childrenStopped) {
            return;
        }
        childrenStopped = true;
        // the registry first, then the brokers from the last to the first
        List<String> names = new ArrayList<>(running.keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals(SchemaRegistry.NAME))
                .thenComparing(Comparator.reverseOrder()));
        for (String name : names) {
            running.get(name).stop(STOP_GRACE);
        }
        StackState.read(config.dir())
                .filter(s -> s.supervisorPid() == ProcessHandle.current().pid() && s.ready())
                .ifPresent(s -> s.with("stopped", "").write(config.dir()));
        stopped.countDown();
    }

    /** The cluster's id, kept next to the data so that kept data and a new node agree. */
    private String clusterId() throws IOException {
        Path file = config.dir().resolve("kafka/cluster.id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        String id = BrokerLayout.newClusterId();
        Files.writeString(file, id);
        return id;
    }
}
