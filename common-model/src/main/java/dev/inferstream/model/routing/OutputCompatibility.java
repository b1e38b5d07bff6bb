/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputKind;
import dev.inferstream.model.manifest.OutputSpec;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Whether the versions of an ensemble or a cascade have outputs that can be combined or chained. */
public final class OutputCompatibility {
    private OutputCompatibility() {}

    /** Why the versions described by {@code manifests} cannot serve {@code policy} together, or null when they can. */
    public static String problem(RolloutPolicy policy, Map<Integer, ModelManifest> manifests) {
        if (policy instanceof EnsemblePolicy e) {
            Set<OutputKind> first = kinds(manifests.get(e.primary()));
            for (EnsemblePolicy.Member m : e.members()) {
                Set<OutputKind> kinds = kinds(manifests.get(m.version()));
                if (!kinds.equals(first)) {
                    return "ensemble members must declare the same kinds of outputs: version " + e.primary() + " has "
                            + first + ", version " + m.version() + " has " + kinds;
                }
            }
            if (e.combiner() == EnsemblePolicy.Combiner.MAJORITY_VOTE
                    && !first.contains(OutputKind.LABEL)
                    && !first.contains(OutputKind.PROBABILITIES)) {
                return "a majority vote needs members that predict a label";
            }
        } else if (policy instanceof CascadePolicy c
                && !kinds(manifests.get(c.first())).contains(OutputKind.PROBABILITIES)) {
            return "the first stage of a cascade (version " + c.first() + ") must output class probabilities: "
                    + "its confidence is measured from them";
        }
        return null;
    }

    private static Set<OutputKind> kinds(ModelManifest manifest) {
        Set<OutputKind> kinds = new TreeSet<>();
        for (OutputSpec output : manifest.outputs()) {
            if (output.kind() != OutputKind.TENSOR) {
                kinds.add(output.kind());
            }
        }
        return kinds;
    }
}
