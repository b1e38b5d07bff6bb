/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.schemas.Deployment;
import java.util.List;
import java.util.Map;

/**
 * One model at a glance: its stage, its versions' stages, the traffic split and the health figures. Figures are
 * null where nothing was observed.
 *
 * @param eventsPerSecond records scored per second over the scorers' newest status interval
 * @param errorRate records that could not be scored / routed records, since the deployment revision began
 * @param deadLettersPerMinute dead letters of the model in the last minute (from the followed dead-letter topics)
 * @param p99Millis the highest p99 scoring latency of its arms
 * @param maxPsi the highest population stability index among unresolved drift alerts
 * @param quality the stable version's quality figure from joined feedback, e.g. {@code accuracy 0.973}
 * @param lagSeconds how far behind the input the scorers are (from the admin metrics), null when not scraped
 * @param scorers scorer instances reporting on the model
 */
public record ModelOverview(
        String model,
        Stage stage,
        Deployment deployment,
        Map<Integer, Stage> versions,
        List<TrafficSplit.Share> split,
        Double eventsPerSecond,
        Double errorRate,
        Double deadLettersPerMinute,
        Double p99Millis,
        Double maxPsi,
        String quality,
        Double lagSeconds,
        int scorers) {
    public ModelOverview {
        versions = Map.copyOf(versions);
        split = List.copyOf(split);
    }

    public long revision() {
        return deployment == null ? 0 : deployment.getRevision();
    }
}
