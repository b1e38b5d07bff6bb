/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Bandit;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.Experiment;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout transitions: each takes the current deployment and gives the next one (revision, who, when and
 * why are set by the caller). Pure, so every transition is tested without Kafka.
 */
public final class Rollouts {
    private Rollouts() {}

    /** The first deployment of a model: {@code version} serves everything. */
    public static Deployment.Builder first(String model, int version) {
        return Deployment.newBuilder().setModel(model).setStable(version).setRevision(0);
    }

    /** {@code version} becomes stable for all traffic; a running canary, experiment, ensemble or cascade ends. */
    public static Deployment.Builder deploy(Deployment current, int version) {
        Deployment.Builder next = withoutPattern(current).setStable(version);
        if (current.getStable() != version) {
            next.setPreviousStable(current.getStable());
        }
        return next.setShadows(without(current.getShadows(), version))
                .setPinnable(without(current.getPinnable(), version));
    }

    /** {@code basisPoints} of the keys go to {@code version}; the rest stay on stable. */
    public static Deployment.Builder canary(Deployment current, int version, int basisPoints) {
        return canary(current, version, basisPoints, null);
    }

    /** A canary judged automatically by {@code gates} (null: promoted and rolled back by hand). */
    public static Deployment.Builder canary(Deployment current, int version, int basisPoints, CanaryGates gates) {
        return live(current, List.of(version)).setCanary(new Canary(version, basisPoints, gates));
    }

    /** A multi-armed bandit over {@code bandit}'s arms (shares start equal); the controller moves the shares. */
    public static Deployment.Builder bandit(Deployment current, Bandit bandit) {
        return live(current, bandit.getArms().stream().map(a -> a.getVersion()).toList())
                .setBandit(bandit);
    }

    public static Deployment.Builder experiment(Deployment current, Experiment experiment) {
        return live(current, experiment.getArms().stream().map(Arm::getVersion).toList())
                .setExperiment(experiment);
    }

    public static Deployment.Builder ensemble(Deployment current, Ensemble ensemble) {
        return live(
                        current,
                        ensemble.getMembers().stream().map(m -> m.getVersion()).toList())
                .setEnsemble(ensemble);
    }

    public static Deployment.Builder cascade(Deployment current, Cascade cascade) {
        return live(current, List.of(cascade.getFirst(), cascade.getSecond())).setCascade(cascade);
    }

    /** {@code current} without its running pattern, and with {@code versions}, which go live, no longer shadows. */
    private static Deployment.Builder live(Deployment current, List<Integer> versions) {
        return withoutPattern(current)
                .setShadows(current.getShadows().stream()
                        .filter(v -> !versions.contains(v))
                        .toList());
    }

    public static Deployment.Builder shadow(Deployment current, int version) {
        List<Integer> shadows = new ArrayList<>(without(current.getShadows(), version));
        shadows.add(version);
        return Deployment.newBuilder(current).setShadows(shadows);
    }

    /** Stops shadowing {@code version}, or every shadow when it is null. */
    public static Deployment.Builder unshadow(Deployment current, Integer version) {
        if (version != null && !current.getShadows().contains(version)) {
            throw new RolloutException("version " + version + " of " + current.getModel() + " is not a shadow; "
                    + "shadows: " + current.getShadows());
        }
        return Deployment.newBuilder(current)
                .setShadows(version == null ? List.of() : without(current.getShadows(), version));
    }

    public static Deployment.Builder pin(Deployment current, int version) {
        List<Integer> pinnable = new ArrayList<>(without(current.getPinnable(), version));
        pinnable.add(version);
        return Deployment.newBuilder(current).setPinnable(pinnable);
    }

    public static Deployment.Builder unpin(Deployment current, int version) {
        if (!current.getPinnable().contains(version)) {
            throw new RolloutException("version " + version + " of " + current.getModel() + " is not pinnable; "
                    + "pinnable: " + current.getPinnable());
        }
        return Deployment.newBuilder(current).setPinnable(without(current.getPinnable(), version));
    }

    public static Deployment.Builder keyField(Deployment current, String field) {
        return Deployment.newBuilder(current).setKeyField(field);
    }

    /**
     * The canary, or the named experiment arm, becomes stable for all traffic.
     *
     * @param arm the experiment arm to promote; null for a canary
     */
    public static Deployment.Builder promote(Deployment current, String arm) {
        int version;
        if (current.getCanary() != null) {
            if (arm != null) {
                throw new RolloutException(current.getModel() + " runs a canary, not an experiment: leave out --arm");
            }
            version = current.getCanary().getVersion();
        } else if (current.getBandit() != null) {
            if (arm == null) {
                throw new RolloutException(current.getModel() + " runs bandit "
                        + current.getBandit().getId() + ": name the arm to promote with --arm");
            }
            version = current.getBandit().getArms().stream()
                    .filter(a -> a.getName().equals(arm))
                    .findFirst()
                    .orElseThrow(() ->
                            new RolloutException("bandit " + current.getBandit().getId() + " has no arm '" + arm + "'"))
                    .getVersion();
        } else if (current.getExperiment() != null) {
            if (arm == null) {
                throw new RolloutException(current.getModel() + " runs experiment "
                        + current.getExperiment().getId() + ": name the arm to promote with --arm (" + armNames(current)
                        + ")");
            }
            version = current.getExperiment().getArms().stream()
                    .filter(a -> a.getName().equals(arm))
                    .findFirst()
                    .orElseThrow(() -> new RolloutException(
                            "experiment " + current.getExperiment().getId() + " has no arm '" + arm + "' ("
                                    + armNames(current) + ")"))
                    .getVersion();
        } else {
            throw new RolloutException(current.getModel() + " has no canary, experiment or bandit to promote; use "
                    + "scorerctl deploy " + current.getModel() + " <version> to make a version stable");
        }
        return deploy(current, version);
    }

    /**
     * Ends the running canary, experiment, ensemble or cascade (stable serves everything again); without one,
     * returns to the previous stable version.
     */
    public static Deployment.Builder rollback(Deployment current) {
        if (hasPattern(current)) {
            return withoutPattern(current);
        }
        if (current.getPreviousStable() == null) {
            throw new RolloutException(current.getModel() + " has nothing to roll back: no canary, experiment, "
                    + "ensemble or cascade runs and no previous stable version is recorded; deploy a version "
                    + "explicitly with scorerctl deploy");
        }
        int previous = current.getPreviousStable();
        return withoutPattern(current)
                .setStable(previous)
                .setPreviousStable(null)
                .setShadows(without(current.getShadows(), previous))
                .setPinnable(without(current.getPinnable(), previous));
    }

    /**
     * The traffic routing of {@code earlier} (an earlier revision of the same model) again: stable version, pattern,
     * shadows, pinnable versions and key field; the current stable becomes the previous one when it changes.
     */
    public static Deployment.Builder restore(Deployment current, Deployment earlier) {
        if (!earlier.getModel().equals(current.getModel())) {
            throw new RolloutException("revision " + earlier.getRevision() + " is a deployment of " + earlier.getModel()
                    + ", not of " + current.getModel());
        }
        Deployment.Builder next = Deployment.newBuilder(earlier)
                .setPreviousStable(
                        current.getStable() != earlier.getStable() ? current.getStable() : current.getPreviousStable());
        return next;
    }

    public static boolean hasPattern(Deployment d) {
        return d.getCanary() != null
                || d.getExperiment() != null
                || d.getEnsemble() != null
                || d.getCascade() != null
                || d.getBandit() != null;
    }

    private static Deployment.Builder withoutPattern(Deployment current) {
        return Deployment.newBuilder(current)
                .setCanary(null)
                .setExperiment(null)
                .setEnsemble(null)
                .setCascade(null)
                .setBandit(null);
    }

    private static String armNames(Deployment d) {
        return String.join(
                ", ", d.getExperiment().getArms().stream().map(Arm::getName).toList());
    }

    private static List<Integer> without(List<Integer> versions, int version) {
        return versions.stream().filter(v -> v != version).toList();
    }
}
