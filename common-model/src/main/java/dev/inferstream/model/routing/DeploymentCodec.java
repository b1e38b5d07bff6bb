/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Bandit;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Combiner;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.Experiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Turns the {@code Deployment} envelope (as kept on the control topic) into the routing core's
 * {@link DeploymentSpec} and back. Invalid deployments are refused with every problem named.
 */
public final class DeploymentCodec {
    private DeploymentCodec() {}

    /** @throws IllegalArgumentException listing what is wrong with {@code deployment} */
    public static DeploymentSpec toSpec(Deployment deployment) {
        List<String> problems = new ArrayList<>();
        String model = deployment.getModel();
        long patterns = Stream.of(
                        deployment.getCanary(),
                        deployment.getExperiment(),
                        deployment.getEnsemble(),
                        deployment.getCascade(),
                        deployment.getBandit())
                .filter(Objects::nonNull)
                .count();
        if (patterns > 1) {
            problems.add("a deployment has at most one of canary, experiment, ensemble, cascade and bandit");
        }
        FieldPath keyField = null;
        if (deployment.getKeyField() != null) {
            try {
                keyField = FieldPath.parse(deployment.getKeyField());
            } catch (IllegalArgumentException e) {
                problems.add("keyField: " + e.getMessage());
            }
        }
        RolloutPolicy policy = null;
        try {
            if (deployment.getBandit() != null) {
                Bandit b = deployment.getBandit();
                List<BanditPolicy.Arm> arms = new ArrayList<>();
                b.getArms()
                        .forEach(a -> arms.add(new BanditPolicy.Arm(a.getName(), a.getVersion(), a.getBasisPoints())));
                policy = new BanditPolicy(b.getId(), arms);
            } else if (deployment.getEnsemble() != null) {
                Ensemble e = deployment.getEnsemble();
                List<EnsemblePolicy.Member> members = new ArrayList<>();
                e.getMembers().forEach(m -> members.add(new EnsemblePolicy.Member(m.getVersion(), m.getWeight())));
                policy = RolloutPolicy.ensemble(
                        members, EnsemblePolicy.Combiner.valueOf(e.getCombiner().name()));
            } else if (deployment.getCascade() != null) {
                Cascade c = deployment.getCascade();
                policy = RolloutPolicy.cascade(
                        c.getFirst(),
                        c.getSecond(),
                        CascadePolicy.Confidence.valueOf(c.getConfidence().name()),
                        c.getThreshold());
            } else if (deployment.getCanary() != null) {
                Canary c = deployment.getCanary();
                policy = RolloutPolicy.canary(deployment.getStable(), c.getVersion(), c.getBasisPoints());
            } else if (deployment.getExperiment() != null) {
                Experiment e = deployment.getExperiment();
                Map<String, int[]> arms = new LinkedHashMap<>();
                for (Arm arm : e.getArms()) {
                    if (arms.put(arm.getName(), new int[] {arm.getVersion(), arm.getWeight()}) != null) {
                        problems.add("experiment " + e.getId() + " names arm '" + arm.getName() + "' twice");
                    }
                }
                policy = RolloutPolicy.experiment(e.getId(), arms);
            } else {
                policy = RolloutPolicy.stable(deployment.getStable());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        DeploymentSpec spec = null;
        if (policy != null) {
            try {
                spec = new DeploymentSpec(
                        model,
                        policy,
                        deployment.getShadows(),
                        deployment.getPinnable(),
                        deployment.getRevision(),
                        keyField);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("deployment of " + model + " (revision " + deployment.getRevision()
                    + ") is invalid: " + String.join("; ", problems));
        }
        return spec;
    }

    /** The envelope for {@code spec}, with who changed it, when and why. */
    public static Deployment toAvro(
            DeploymentSpec spec,
            int stable,
            Integer previousStable,
            String changedBy,
            Instant changedAt,
            String reason) {
        Deployment.Builder b = Deployment.newBuilder()
                .setModel(spec.model())
                .setStable(stable)
                .setShadows(spec.shadows())
                .setPinnable(spec.pinnable())
                .setRevision(spec.revision())
                .setPreviousStable(previousStable)
                .setChangedBy(changedBy)
                .setChangedAt(changedAt)
                .setReason(reason)
                .setKeyField(spec.keyField() == null ? null : spec.keyField().text());
        if (spec.policy() instanceof CanaryPolicy c) {
            b.setCanary(new Canary(c.canary(), c.basisPoints(), null));
        } else if (spec.policy() instanceof ExperimentPolicy e) {
            List<Arm> arms = new ArrayList<>();
            e.arms().forEach(a -> arms.add(new Arm(a.name(), a.version(), a.percent())));
            b.setExperiment(new Experiment(e.id(), arms));
        } else if (spec.policy() instanceof EnsemblePolicy e) {
            List<EnsembleMember> members = new ArrayList<>();
            e.members().forEach(m -> members.add(new EnsembleMember(m.version(), m.weight())));
            b.setEnsemble(new Ensemble(members, Combiner.valueOf(e.combiner().name())));
        } else if (spec.policy() instanceof CascadePolicy c) {
            b.setCascade(new Cascade(
                    c.first(), c.second(), Confidence.valueOf(c.confidence().name()), c.threshold()));
        } else if (spec.policy() instanceof BanditPolicy p) {
            List<BanditArm> arms = new ArrayList<>();
            p.arms().forEach(a -> arms.add(new BanditArm(a.name(), a.version(), a.basisPoints())));
            b.setBandit(Bandit.newBuilder().setId(p.id()).setArms(arms).build());
        }
        return b.build();
    }
}
