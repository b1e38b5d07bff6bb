/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every record is scored by all member versions; their outputs are combined into one prediction. */
public record EnsemblePolicy(List<Member> members, Combiner combiner) implements RolloutPolicy {
    public static final String ARM = "ensemble";

    /** One member version and its weight (used by {@link Combiner#WEIGHTED_MEAN}). */
    public record Member(int version, double weight) {}

    /** How member outputs become one prediction. */
    public enum Combiner {
        /** Mean of the scores and of each class probability; the label is the most probable class. */
        MEAN,
        /** Like {@link #MEAN}, weighted by each member's weight. */
        WEIGHTED_MEAN,
        /** The label most members predict (ties: the first member's among the tied); the score is its vote share. */
        MAJORITY_VOTE
    }

    public EnsemblePolicy {
        members = List.copyOf(members);
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two member versions, not " + members.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (Member m : members) {
            if (m.version() < 1) {
                throw new IllegalArgumentException("ensemble member versions must be positive, not " + m.version());
            }
            if (!seen.add(m.version())) {
                throw new IllegalArgumentException("ensemble names version " + m.version() + " twice");
            }
            if (!(m.weight() > 0) || Double.isInfinite(m.weight())) {
                throw new IllegalArgumentException(
                        "ensemble member " + m.version() + " needs a positive weight, not " + m.weight());
            }
        }
    }

    /** The version a prediction is filed under: the first member. */
    public int primary() {
        return members.get(0).version();
    }

    @Override
    public Choice choose(int bucket) {
        return new Choice(primary(), ARM);
    }

    @Override
    public boolean splits() {
        return false;
    }

    @Override
    public Set<Integer> versions() {
        Set<Integer> versions = new LinkedHashSet<>();
        members.forEach(m -> versions.add(m.version()));
        return versions;
    }
}
