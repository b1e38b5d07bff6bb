/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Meters registered once and found again by name and labels, so recording costs a map lookup. */
final class Meters {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The counter {@code name} with the label pairs {@code tags}. */
    Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(
                key(name, tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    /** The timer {@code name} with {@code tags}, built by {@code builder} the first time. */
    Timer timer(String name, Function<Timer.Builder, Timer.Builder> builder, String... tags) {
        return timers.computeIfAbsent(
                key(name, tags),
                k -> builder.apply(Timer.builder(name).tags(tags)).register(registry));
    }

    /** The distribution summary {@code name} with {@code tags}, built by {@code builder} the first time. */
    DistributionSummary summary(
            String name, Function<DistributionSummary.Builder, DistributionSummary.Builder> builder, String... tags) {
        return summaries.computeIfAbsent(
                key(name, tags),
                k -> builder.apply(DistributionSummary.builder(name).tags(tags)).register(registry));
    }

    /** The value behind the gauge {@code name} with {@code tags}. */
    AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tags(tags)
                    .register(registry);
            return value;
        });
    }

    private static String key(String name, String... tags) {
        return name + "|" + String.join("|", tags);
    }
}
