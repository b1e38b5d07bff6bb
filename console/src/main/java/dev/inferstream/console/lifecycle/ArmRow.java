/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

/**
 * One arm of a rollout on the rollout panel; figures null where nothing was observed.
 *
 * @param arm the arm's name as the scorers report it (stable, canary, shadow:4, ab:treatment, …)
 * @param agreement for a shadow: the share of records where it gave production's label
 */
public record ArmRow(
        int version,
        String arm,
        Double sharePercent,
        Double eventsPerSecond,
        Double errorRate,
        Double p99Millis,
        Double agreement,
        String quality,
        Double maxPsi,
        long scored) {}
