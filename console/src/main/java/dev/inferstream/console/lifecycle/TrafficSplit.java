/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.EnsembleMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a deployment shares the traffic among versions, as a person reads it. */
public final class TrafficSplit {
    /**
     * One version's part.
     *
     * @param percent share of the keys it serves; for ensembles and cascades every record reaches it (100)
     * @param role stable, canary, arm name, ensemble, cascade stage, shadow
     */
    public record Share(int version, String role, double percent) {
        public String text() {
            return String.format(Locale.ROOT, "v%d %s %s", version, role, percentText(percent));
        }
    }

    private TrafficSplit() {}

    /** The shares of {@code d}; shadows last with 0 %. Empty when there is no deployment. */
    public static List<Share> of(Deployment d) {
        List<Share> shares = new ArrayList<>();
        if (d == null) {
            return shares;
        }
        if (d.getCanary() != null) {
            double canary = d.getCanary().getBasisPoints() / 100.0;
            shares.add(new Share(d.getStable(), "stable", 100 - canary));
            shares.add(new Share(
                    d.getCanary().getVersion(), d.getCanary().getGates() == null ? "canary" : "gated canary", canary));
        } else if (d.getExperiment() != null) {
            for (Arm arm : d.getExperiment().getArms()) {
                shares.add(new Share(arm.getVersion(), "arm " + arm.getName(), arm.getWeight()));
            }
        } else if (d.getBandit() != null) {
            for (BanditArm arm : d.getBandit().getArms()) {
                shares.add(new Share(arm.getVersion(), "bandit arm " + arm.getName(), arm.getBasisPoints() / 100.0));
            }
        } else if (d.getEnsemble() != null) {
            for (EnsembleMember m : d.getEnsemble().getMembers()) {
                shares.add(new Share(m.getVersion(), "ensemble member", 100));
            }
        } else if (d.getCascade() != null) {
            shares.add(new Share(d.getCascade().getFirst(), "cascade first", 100));
            shares.add(new Share(d.getCascade().getSecond(), "cascade second (unsure records)", 0));
        } else {
            shares.add(new Share(d.getStable(), "stable", 100));
        }
        for (int shadow : d.getShadows()) {
            shares.add(new Share(shadow, "shadow", 0));
        }
        return shares;
    }

    /** One line, e.g. {@code v3 stable 95 %, v4 canary 5 %}. */
    public static String text(Deployment d) {
        if (d == null) {
            return "not deployed";
        }
        return String.join(", ", of(d).stream().map(Share::text).toList());
    }

    static String percentText(double percent) {
        return (percent == Math.rint(percent)
                        ? Long.toString((long) percent)
                        : String.format(Locale.ROOT, "%.2f", percent))
                + " %";
    }
}
