/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A multi-armed bandit's current allocation: named arms, each a version and a share of keys in basis points. The
 * shares change as rewards come in (a controller publishes new ones); between changes each key keeps its arm.
 */
public record BanditPolicy(String id, List<Arm> arms) implements RolloutPolicy {

    /** One arm and its current share of keys (0-10,000 basis points). */
    public record Arm(String name, int version, int basisPoints) {}

    public BanditPolicy {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a bandit needs an id (it salts the key hashing)");
        }
        if (arms.size() < 2) {
            throw new IllegalArgumentException("bandit " + id + " needs at least two arms, not " + arms.size());
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (Arm arm : arms) {
            if (!names.add(arm.name())) {
                throw new IllegalArgumentException("bandit " + id + " names arm '" + arm.name() + "' twice");
            }
            if (arm.version() < 1 || arm.basisPoints() < 0) {
                throw new IllegalArgumentException(
                        "bandit arm " + arm.name() + ": version must be positive and the " + "share not negative");
            }
            total += arm.basisPoints();
        }
        if (total != Buckets.COUNT) {
            throw new IllegalArgumentException(
                    "bandit " + id + ": arm shares add up to " + total + " basis points, not 10000");
        }
        arms = List.copyOf(arms);
    }

    /** The arm label of predictions made by arm {@code name}. */
    public static String arm(String name) {
        return "bandit:" + name;
    }

    @Override
    public Choice choose(int bucket) {
        int upper = 0;
        for (Arm arm : arms) {
            upper += arm.basisPoints();
            if (bucket < upper) {
                return new Choice(arm.version(), arm(arm.name()));
            }
        }
        Arm last = arms.get(arms.size() - 1);
        return new Choice(last.version(), arm(last.name()));
    }

    @Override
    public boolean splits() {
        return true;
    }

    @Override
    public String salt() {
        return "bandit:" + id;
    }

    @Override
    public Set<Integer> versions() {
        Set<Integer> versions = new TreeSet<>();
        arms.forEach(a -> versions.add(a.version()));
        return versions;
    }
}
