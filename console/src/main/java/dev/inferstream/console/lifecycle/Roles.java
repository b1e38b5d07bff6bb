/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.EnsembleMember;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The stage of each version of a model, from its current deployment and its history. */
public final class Roles {
    private Roles() {}

    /** The versions {@code d} puts to work, each with its stage (never PUBLISHED or RETIRED). */
    public static Map<Integer, Stage> live(Deployment d) {
        Map<Integer, Stage> roles = new LinkedHashMap<>();
        if (d == null) {
            return roles;
        }
        roles.put(d.getStable(), Stage.SERVING);
        d.getPinnable().forEach(v -> roles.putIfAbsent(v, Stage.SERVING));
        if (d.getCanary() != null) {
            roles.put(d.getCanary().getVersion(), Stage.CANARY);
        }
        if (d.getExperiment() != null) {
            for (Arm arm : d.getExperiment().getArms()) {
                roles.putIfAbsent(arm.getVersion(), Stage.CANARY);
            }
        }
        if (d.getBandit() != null) {
            for (BanditArm arm : d.getBandit().getArms()) {
                roles.putIfAbsent(arm.getVersion(), Stage.CANARY);
            }
        }
        if (d.getEnsemble() != null) {
            for (EnsembleMember m : d.getEnsemble().getMembers()) {
                roles.putIfAbsent(m.getVersion(), Stage.CANARY);
            }
        }
        if (d.getCascade() != null) {
            roles.putIfAbsent(d.getCascade().getFirst(), Stage.CANARY);
            roles.putIfAbsent(d.getCascade().getSecond(), Stage.CANARY);
        }
        d.getShadows().forEach(v -> roles.putIfAbsent(v, Stage.SHADOW));
        return roles;
    }

    /** The stage of every published version and of every version the history mentions. */
    public static Map<Integer, Stage> versions(
            Collection<Integer> published, Deployment current, List<Deployment> history) {
        Map<Integer, Stage> stages = new TreeMap<>();
        published.forEach(v -> stages.put(v, Stage.PUBLISHED));
        for (Deployment past : history) {
            live(past).keySet().forEach(v -> stages.put(v, Stage.RETIRED));
        }
        stages.putAll(live(current));
        return stages;
    }

    /** The model's stage: the furthest a version of it is on its way to serving, or where the model stands. */
    public static Stage model(Deployment current, Collection<Integer> published) {
        if (current == null) {
            return published.isEmpty() ? Stage.RETIRED : Stage.PUBLISHED;
        }
        Map<Integer, Stage> live = live(current);
        if (live.containsValue(Stage.CANARY)) {
            return Stage.CANARY;
        }
        if (live.containsValue(Stage.SHADOW)) {
            return Stage.SHADOW;
        }
        return Stage.SERVING;
    }
}
