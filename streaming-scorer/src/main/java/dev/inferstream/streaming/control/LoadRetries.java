/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.model.routing.DeploymentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deployments whose versions failed to load (a repository answering 500, hanging, serving a corrupt file), tried
 * again after a pause that doubles with each failure, until they load or a newer revision replaces them.
 */
final class LoadRetries {
    static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    private record Pending(DeploymentSpec spec, Duration pause, long dueNanos) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** Schedules {@code spec} again after its load failed; returns the pause before the next attempt. */
    Duration failed(DeploymentSpec spec, long nowNanos) {
        Pending next = pending.compute(spec.model(), (model, before) -> {
            Duration pause = before == null || before.spec().revision() != spec.revision()
                    ? FIRST_PAUSE
                    : min(before.pause().multipliedBy(2), LONGEST_PAUSE);
            return new Pending(spec, pause, nowNanos + pause.toNanos());
        });
        return next.pause();
    }

    /** Stops retrying {@code model}: its deployment loaded, or a newer revision arrived. */
    void forget(String model) {
        pending.remove(model);
    }

    /** The deployments due for another attempt; each is held back until it fails again or is forgotten. */
    List<DeploymentSpec> due(long nowNanos) {
        List<DeploymentSpec> due = new ArrayList<>();
        pending.replaceAll((model, p) -> {
            if (p.dueNanos() - nowNanos > 0) {
                return p;
            }
            due.add(p.spec());
            return new Pending(p.spec(), p.pause(), Long.MAX_VALUE);
        });
        return due;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
