/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * Scorer instances of one application (same {@code application.id}), each {@code ScorerMain} in its own JVM with its
 * own state directory and client id, and what the group's coordinator says each one owns.
 */
final class ScorerGroup implements AutoCloseable {
    private final String classpath;
    private final Properties shared;
    private final Path dir;
    private final String input;
    private final String bootstrap;
    /** Read by other threads (CPU time), changed by the one running the benchmark. */
    private final Map<String, BenchJvm> running = Collections.synchronizedMap(new LinkedHashMap<>());

    private int started;

    /** @param shared the configuration every instance shares (its {@code application.id} names the group) */
    ScorerGroup(String classpath, Properties shared, Path dir, String input, String bootstrap) {
        this.classpath = classpath;
        this.shared = shared;
        this.dir = dir;
        this.input = input;
        this.bootstrap = bootstrap;
    }

    /** Starts {@code count} more instances at once and waits until each is ready; returns their names. */
    List<String> add(int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "scorer-" + (++started);
            Properties config = new Properties();
            config.putAll(shared);
            config.setProperty("client.id", name);
            config.setProperty("scorer.id", name);
            config.setProperty("state.dir", dir.resolve("state-" + name).toString());
            running.put(
                    name, BenchJvm.scorer(classpath, config, dir, shared.getProperty("application.id") + "-" + name));
            names.add(name);
        }
        for (String name : names) {
            running.get(name).awaitReady(Duration.ofSeconds(120));
        }
        return names;
    }

    /** SIGTERM to one instance: it commits, leaves the group and stops. */
    void stop(String name) throws InterruptedException {
        running.remove(name).close();
    }

    /** SIGKILL to one instance: no commit, no leave; its open transaction is aborted by the broker's timeout. */
    void kill(String name) throws InterruptedException {
        running.remove(name).kill();
    }

    /** The running instances, oldest first. */
    List<String> names() {
        synchronized (running) {
            return List.copyOf(running.keySet());
        }
    }

    /** CPU time all running instances have used so far, in nanoseconds. */
    long cpuNanos() {
        synchronized (running) {
            return running.values().stream().mapToLong(BenchJvm::cpuNanos).sum();
        }
    }

    /**
     * Input partitions per member as the group coordinator reports them, by client id (the instance's name), e.g.
     * {@code {scorer-1=3, scorer-2=3}}; members still joining or without partitions show 0.
     */
    Map<String, Integer> assignment(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(shared.getProperty("application.id")))
                .all()
                .get(10, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next();
        Map<String, Integer> owned = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            String name = member.clientId().replaceFirst("-StreamThread-.*", "");
            int partitions = (int) member.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(input))
                    .count();
            owned.merge(name, partitions, Integer::sum);
        }
        return owned;
    }

    /** True when every running instance, and only those, owns input partitions, and all of them are owned. */
    boolean balanced(Map<String, Integer> owned, int partitions) {
        return owned.keySet().equals(Set.copyOf(names()))
                && owned.values().stream().allMatch(n -> n > 0)
                && owned.values().stream().mapToInt(Integer::intValue).sum() == partitions;
    }

    /** A new admin client of the group's cluster; the caller closes it. */
    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** The output of each running instance, for a failed run's message. */
    String logs() {
        StringBuilder logs = new StringBuilder();
        synchronized (running) {
            running.forEach(
                    (name, jvm) -> logs.append("--- ").append(name).append('\n').append(jvm.log()));
        }
        return logs.toString();
    }

    /** Stops every instance at once (one after the other would rebalance the rest each time). */
    @Override
    public void close() throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (String name : names()) {
            BenchJvm jvm = running.remove(name);
            Thread stop = new Thread(() -> {
                try {
                    jvm.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stop.start();
            stopping.add(stop);
        }
        for (Thread stop : stopping) {
            stop.join();
        }
    }
}
