/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.List;

/**
 * Which version scores a record and under which arm, plus the shadow versions that score it on the side.
 *
 * @param arm {@code stable}, {@code canary}, {@code pinned}, … — written to the prediction's {@code ml.arm}
 */
public record RouteDecision(int version, String arm, List<Integer> shadows) {
    public static final String STABLE = "stable";
    public static final String CANARY = "canary";
    public static final String PINNED = "pinned";

    public RouteDecision {
        shadows = List.copyOf(shadows);
    }
}
