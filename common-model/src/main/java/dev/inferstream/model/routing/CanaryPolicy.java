/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.Set;

/** A share of keys, by sticky bucket, to a canary version; the rest to stable. */
record CanaryPolicy(int stable, int canary, int basisPoints) implements RolloutPolicy {
    CanaryPolicy {
        if (stable < 1 || canary < 1) {
            throw new IllegalArgumentException("versions must be positive integers");
        }
        if (stable == canary) {
            throw new IllegalArgumentException("canary version " + canary + " is already the stable version");
        }
        if (basisPoints < 0 || basisPoints > Buckets.COUNT) {
            throw new IllegalArgumentException(
                    "canary share must be 0-10000 basis points (0-100 %), not " + basisPoints);
        }
    }

    @Override
    public Choice choose(int bucket) {
        return bucket < basisPoints
                ? new Choice(canary, RouteDecision.CANARY)
                : new Choice(stable, RouteDecision.STABLE);
    }

    @Override
    public boolean splits() {
        return true;
    }

    @Override
    public Set<Integer> versions() {
        return Set.of(stable, canary);
    }
}
