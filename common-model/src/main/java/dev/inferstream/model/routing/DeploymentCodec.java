package dev.inferstream.model.routing;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Experiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        if (deployment.getCanary() != null && deployment.getExperiment() != null) {
            problems.add("a deployment has a canary or an experiment, not both");
        }
        RolloutPolicy policy = null;
        try {
            if (deployment.getCanary() != null) {
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
                spec = new DeploymentSpec(model, policy, deployment.getShadows(), deployment.getPinnable(),
                        deployment.getRevision());
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
    public static Deployment toAvro(DeploymentSpec spec, int stable, Integer previousStable, String changedBy,
            Instant changedAt, String reason) {
        Deployment.Builder b = Deployment.newBuilder()
                .setModel(spec.model())
                .setStable(stable)
                .setShadows(spec.shadows())
                .setPinnable(spec.pinnable())
                .setRevision(spec.revision())
                .setPreviousStable(previousStable)
                .setChangedBy(changedBy)
                .setChangedAt(changedAt)
                .setReason(reason);
        if (spec.policy() instanceof CanaryPolicy c) {
            b.setCanary(new Canary(c.canary(), c.basisPoints()));
        } else if (spec.policy() instanceof ExperimentPolicy e) {
            List<Arm> arms = new ArrayList<>();
            e.arms().forEach(a -> arms.add(new Arm(a.name(), a.version(), a.percent())));
            b.setExperiment(new Experiment(e.id(), arms));
        }
        return b.build();
    }
}
