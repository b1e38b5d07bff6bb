/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one model's traffic is split between versions, given a record's sticky bucket. Built only through the
 * static factories; the {@link Router} applies whichever policy a deployment holds.
 *
 * <pre>{@code
 * RolloutPolicy policy = RolloutPolicy.canary(3, 4, 500); // 5 % of keys to version 4, the rest to 3
 * }</pre>
 */
public interface RolloutPolicy {

    /** Every record goes to {@code version}. */
    static RolloutPolicy stable(int version) {
        return new StablePolicy(version);
    }

    /** Buckets below {@code basisPoints} (0-10,000) go to {@code canary}, the rest to {@code stable}. */
    static RolloutPolicy canary(int stable, int canary, int basisPoints) {
        return new CanaryPolicy(stable, canary, basisPoints);
    }

    /**
     * An A/B experiment: each arm is {@code name → version} with a percent share of keys; shares add up to 100.
     * Keys are hashed with the experiment id, so a new experiment reshuffles keys and a running one keeps them.
     */
    static RolloutPolicy experiment(String id, Map<String, int[]> arms) {
        List<ExperimentPolicy.Arm> list = new ArrayList<>();
        arms.forEach((name, versionAndPercent) ->
                list.add(new ExperimentPolicy.Arm(name, versionAndPercent[0], versionAndPercent[1])));
        return new ExperimentPolicy(id, list);
    }

    /** Every record scored by all {@code members}, combined by {@code combiner}. */
    static RolloutPolicy ensemble(List<EnsemblePolicy.Member> members, EnsemblePolicy.Combiner combiner) {
        return new EnsemblePolicy(members, combiner);
    }

    /** {@code first} decides the records it is confident about (confidence at least {@code threshold}). */
    static RolloutPolicy cascade(int first, int second, CascadePolicy.Confidence confidence, double threshold) {
        return new CascadePolicy(first, second, confidence, threshold);
    }

    /** The version and arm for a record in {@code bucket} (0 to {@link Buckets#COUNT} - 1). */
    Choice choose(int bucket);

    /** Whether the policy needs a record's bucket (false: every record gets the same choice). */
    boolean splits();

    /** What the key hash is salted with, so that different splits of one model are independent. */
    default String salt() {
        return "split";
    }

    /** The versions this policy may send traffic to. */
    Set<Integer> versions();

    /** A version and the arm it is served under. */
    record Choice(int version, String arm) {}
}
