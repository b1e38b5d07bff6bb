/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An A/B(/n) experiment: named arms, each a version and a share of keys in percent. */
record ExperimentPolicy(String id, List<Arm> arms) implements RolloutPolicy {

    /** One arm of an experiment. */
    record Arm(String name, int version, int percent) {}

    ExperimentPolicy {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an experiment needs an id (it salts the key hashing)");
        }
        if (arms.size() < 2) {
            throw new IllegalArgumentException("experiment " + id + " needs at least two arms, not " + arms.size());
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (Arm arm : arms) {
            if (!names.add(arm.name())) {
                throw new IllegalArgumentException("experiment " + id + " names arm '" + arm.name() + "' twice");
            }
            if (arm.version() < 1 || arm.percent() < 0) {
                throw new IllegalArgumentException(
                        "arm " + arm.name() + ": version must be positive and the share " + "not negative");
            }
            total += arm.percent();
        }
        if (total != 100) {
            throw new IllegalArgumentException("experiment " + id + ": arm weights add up to " + total + ", not 100");
        }
        arms = List.copyOf(arms);
    }

    @Override
    public Choice choose(int bucket) {
        int upper = 0;
        for (Arm arm : arms) {
            upper += arm.percent() * (Buckets.COUNT / 100);
            if (bucket < upper) {
                return new Choice(arm.version(), "ab:" + arm.name());
            }
        }
        Arm last = arms.get(arms.size() - 1);
        return new Choice(last.version(), "ab:" + last.name());
    }

    @Override
    public boolean splits() {
        return true;
    }

    @Override
    public String salt() {
        return "experiment:" + id;
    }

    @Override
    public Set<Integer> versions() {
        Set<Integer> versions = new TreeSet<>();
        arms.forEach(a -> versions.add(a.version()));
        return versions;
    }
}
