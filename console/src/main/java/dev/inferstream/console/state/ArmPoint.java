/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import java.time.Instant;

/**
 * What one scorer instance saw of one arm of a model between two of its status reports.
 *
 * @param eventsPerSecond records scored per second over the interval
 * @param errorRate failed / (scored + failed) over the interval; NaN when nothing was routed to the arm
 * @param p99Micros the arm's p99 scoring latency since the deployment revision began
 */
public record ArmPoint(
        Instant at,
        String scorer,
        int version,
        String arm,
        double eventsPerSecond,
        double errorRate,
        double p99Micros) {}
