/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** The state of each model as gauges: the serving deployment's revision and versions, and each feature's drift. */
final class ModelGauges {
    private final Meters meters;
    private final Map<String, AtomicLong> serving = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> psi = new ConcurrentHashMap<>();

    ModelGauges(Meters meters) {
        this.meters = meters;
    }

    void deployed(String model, long revision, Set<Integer> versions) {
        meters.counter("inferstream_deployments", "Deployments switched in", "model", model)
                .increment();
        meters.gauge("inferstream_deployment_revision", "Revision of the serving deployment", Tags.of("model", model))
                .set(revision);
        serving.forEach((key, value) -> {
            if (key.startsWith(model + "|")) {
                value.set(0);
            }
        });
        for (int version : versions) {
            serving.computeIfAbsent(
                            model + "|" + version,
                            k -> meters.gauge(
                                    "inferstream_model_version_serving",
                                    "1 while the version is loaded and serving",
                                    Tags.of("model", model, "version", Integer.toString(version))))
                    .set(1);
        }
    }

    void drift(String model, int version, String subject, double value) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version), "feature", subject);
        DoubleAdder gauge = psi.computeIfAbsent(tags.toString(), k -> {
            DoubleAdder adder = new DoubleAdder();
            Gauge.builder("inferstream_drift_psi", adder, DoubleAdder::sum)
                    .description("Population stability index over the last drift window")
                    .tags(tags)
                    .register(meters.registry());
            return adder;
        });
        synchronized (gauge) {
            gauge.reset();
            gauge.add(value);
        }
    }
}
