/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import dev.inferstream.model.manifest.FieldPath;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rollout of one model as the routing core sees it: a policy for live traffic, shadow versions scored on
 * the side, versions kept loaded for records that pin them by header, and the field that splits keyless records.
 *
 * @param keyField the field whose value a record without a key is split by; null: such records split at random
 */
public record DeploymentSpec(
        String model,
        RolloutPolicy policy,
        List<Integer> shadows,
        List<Integer> pinnable,
        long revision,
        FieldPath keyField) {

    /** A deployment that splits by record key (or identity), without a key field. */
    public DeploymentSpec(
            String model, RolloutPolicy policy, List<Integer> shadows, List<Integer> pinnable, long revision) {
        this(model, policy, shadows, pinnable, revision, null);
    }

    public DeploymentSpec {
        shadows = List.copyOf(shadows);
        pinnable = List.copyOf(pinnable);
        for (int shadow : shadows) {
            if (policy.versions().contains(shadow)) {
                throw new IllegalArgumentException(
                        "version " + shadow + " of " + model + " cannot be a shadow: it already serves live traffic");
            }
        }
    }

    /** Every record to {@code version}. */
    public static DeploymentSpec stable(String model, int version) {
        return new DeploymentSpec(model, RolloutPolicy.stable(version), List.of(), List.of(), 0);
    }

    /** Every version that must be loaded to serve this spec. */
    public Set<Integer> versions() {
        Set<Integer> all = new TreeSet<>(policy.versions());
        all.addAll(shadows);
        all.addAll(pinnable);
        return all;
    }
}
