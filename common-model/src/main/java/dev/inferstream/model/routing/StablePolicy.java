/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.Set;

/** All traffic to one version. */
record StablePolicy(int version) implements RolloutPolicy {
    StablePolicy {
        if (version < 1) {
            throw new IllegalArgumentException("stable version must be a positive integer, not " + version);
        }
    }

    @Override
    public Choice choose(int bucket) {
        return new Choice(version, RouteDecision.STABLE);
    }

    @Override
    public boolean splits() {
        return false;
    }

    @Override
    public Set<Integer> versions() {
        return Set.of(version);
    }
}
