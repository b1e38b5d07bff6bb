/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs and removes the JVM shutdown hooks a job's code registered, when Flink releases the job's class loader.
 *
 * <p>ONNX Runtime closes its native environment from a shutdown hook it registers on first use; on a session
 * cluster that hook would keep each job's class loader (and everything it loaded) until the TaskManager exits, and
 * the TaskManager's metaspace fills after a few dozen jobs. A hook belongs to the job when its thread's context
 * class loader is one of the job's. Reading the JVM's hook table needs {@code
 * --add-opens=java.base/java.lang=ALL-UNNAMED}, which Flink's Java 17 options include; without it this logs what to
 * do and leaves the hooks alone.
 */
final class JobShutdownHooks {
    private static final Logger LOG = LoggerFactory.getLogger(JobShutdownHooks.class);

    private JobShutdownHooks() {}

    /**
     * Has the job's shutdown hooks run and removed when Flink releases its class loader — when this job's classes
     * (ONNX Runtime's with them) were loaded by a class loader of its own, as a cluster loads a submitted jar. Where
     * they share Flink's class loader (a MiniCluster, or the jar in Flink's {@code lib/}) they outlive the job and
     * their hooks stay.
     */
    static void releaseWithJob(RuntimeContext context) {
        ClassLoader ours = JobShutdownHooks.class.getClassLoader();
        if (ours == RuntimeContext.class.getClassLoader()) {
            return;
        }
        context.registerUserCodeClassLoaderReleaseHookIfAbsent(
                JobShutdownHooks.class.getName(),
                releaseFor(
                        context.getUserCodeClassLoader(), Thread.currentThread().getContextClassLoader(), ours));
    }

    /** Runs and removes the hooks registered from threads whose context class loader is one of {@code jobLoaders}. */
    static Runnable releaseFor(ClassLoader... jobLoaders) {
        Set<ClassLoader> loaders =
                Arrays.stream(jobLoaders).filter(Objects::nonNull).collect(Collectors.toSet());
        return () -> runAndRemove(loaders);
    }

    /** Removes the hooks registered from threads whose context class loader is in {@code loaders}, then runs them. */
    static int runAndRemove(Set<ClassLoader> loaders) {
        List<Thread> owned = new ArrayList<>();
        try {
            for (Thread hook : registeredHooks()) {
                if (loaders.contains(hook.getContextClassLoader())) {
                    owned.add(hook);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "Cannot read the JVM's shutdown hooks ({}): each batch job's classes stay loaded until the"
                            + " TaskManager exits. Start TaskManagers with --add-opens=java.base/java.lang=ALL-UNNAMED"
                            + " (env.java.opts.taskmanager), or put onnxruntime's jar in Flink's lib/ folder and"
                            + " ai.onnxruntime. in classloader.parent-first-patterns.additional.",
                    e.toString());
            return 0;
        }
        for (Thread hook : owned) {
            try {
                if (Runtime.getRuntime().removeShutdownHook(hook)) {
                    hook.run();
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("A job's shutdown hook {} failed when its class loader was released", hook.getName(), e);
            }
        }
        return owned.size();
    }

    private static Set<Thread> registeredHooks() throws ReflectiveOperationException {
        Class<?> table = Class.forName("java.lang.ApplicationShutdownHooks");
        Field hooks = table.getDeclaredField("hooks");
        hooks.setAccessible(true);
        synchronized (table) {
            Object value = hooks.get(null);
            if (value == null) {
                return Set.of(); // the JVM is already shutting down
            }
            return Set.copyOf(((Map<?, ?>) value)
                    .keySet().stream().map(Thread.class::cast).toList());
        }
    }
}
