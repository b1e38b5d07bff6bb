/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Combiner;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.Experiment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentCodecTest {

    @Test
    void canaryDeploymentRoundTripsThroughTheEnvelope() {
        Deployment d = deployment(3)
                .setCanary(new Canary(4, 500, null))
                .setShadows(List.of(5))
                .setPinnable(List.of(2))
                .build();
        DeploymentSpec spec = DeploymentCodec.toSpec(d);
        assertThat(spec.versions()).containsExactly(2, 3, 4, 5);
        Deployment back = DeploymentCodec.toAvro(spec, 3, null, "ci", d.getChangedAt(), "canary 5 %");
        assertThat(DeploymentCodec.toSpec(back)).isEqualTo(spec);
        assertThat(back.getCanary()).isEqualTo(new Canary(4, 500, null));
    }

    @Test
    void ensembleAndCascadeRoundTripThroughTheEnvelope() {
        Deployment ensemble = deployment(3)
                .setKeyField("customer.id")
                .setEnsemble(new Ensemble(
                        List.of(new EnsembleMember(3, 2.0), new EnsembleMember(4, 1.0)), Combiner.WEIGHTED_MEAN))
                .build();
        Deployment cascade = deployment(3)
                .setCascade(new Cascade(3, 5, Confidence.MARGIN, 0.8))
                .build();
        for (Deployment d : List.of(ensemble, cascade)) {
            DeploymentSpec spec = DeploymentCodec.toSpec(d);
            Deployment back = DeploymentCodec.toAvro(spec, 3, null, "ci", d.getChangedAt(), "test");
            assertThat(back)
                    .isEqualTo(Deployment.newBuilder(d)
                            .setChangedBy("ci")
                            .setReason("test")
                            .build());
        }
        assertThat(DeploymentCodec.toSpec(ensemble).keyField().text()).isEqualTo("customer.id");
        assertThat(DeploymentCodec.toSpec(cascade).versions()).containsExactly(3, 5);
    }

    @Test
    void aDeploymentWithTwoPatternsOrACascadeIntoItselfIsRefused() {
        assertThatThrownBy(() -> DeploymentCodec.toSpec(deployment(3)
                        .setCanary(new Canary(4, 100, null))
                        .setCascade(new Cascade(3, 4, Confidence.MAX_PROBABILITY, 0.9))
                        .build()))
                .hasMessageContaining("at most one of canary, experiment, ensemble, cascade and bandit");
        assertThatThrownBy(() -> DeploymentCodec.toSpec(deployment(3)
                        .setCascade(new Cascade(4, 4, Confidence.MAX_PROBABILITY, 0.9))
                        .build()))
                .hasMessageContaining("to itself");
    }

    @Test
    void experimentSplitsKeysByWeightStickyPerKeyAndNamesTheArm() {
        Deployment d = deployment(3)
                .setExperiment(new Experiment(
                        "exp-7",
                        List.of(new Arm("control", 3, 50), new Arm("treatment", 4, 30), new Arm("bold", 5, 20))))
                .build();
        DeploymentSpec spec = DeploymentCodec.toSpec(d);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] key = ("user-" + i).getBytes(StandardCharsets.UTF_8);
            RouteDecision decision = Router.route(spec, key, HeaderView.NONE);
            assertThat(Router.route(spec, key, HeaderView.NONE)).isEqualTo(decision);
            counts.merge(decision.arm(), 1, Integer::sum);
        }
        // 4 standard deviations around 5000 / 3000 / 2000
        assertThat(counts.get("ab:control")).isBetween(4800, 5200);
        assertThat(counts.get("ab:treatment")).isBetween(2817, 3183);
        assertThat(counts.get("ab:bold")).isBetween(1840, 2160);
        assertThat(DeploymentCodec.toSpec(DeploymentCodec.toAvro(spec, 3, null, "ci", Instant.EPOCH, "")))
                .isEqualTo(spec);
    }

    @Test
    void refusesInvalidDeploymentsNamingEveryProblem() {
        assertThatThrownBy(() -> DeploymentCodec.toSpec(deployment(3)
                        .setCanary(new Canary(4, 100, null))
                        .setExperiment(new Experiment("e", List.of(new Arm("a", 3, 50), new Arm("b", 4, 50))))
                        .build()))
                .hasMessageContaining("at most one of canary, experiment, ensemble, cascade and bandit");
        assertThatThrownBy(() -> DeploymentCodec.toSpec(deployment(3)
                        .setExperiment(new Experiment("e", List.of(new Arm("a", 3, 60), new Arm("b", 4, 60))))
                        .build()))
                .hasMessageContaining("arm weights add up to 120, not 100");
        assertThatThrownBy(() -> DeploymentCodec.toSpec(
                        deployment(3).setCanary(new Canary(3, 100, null)).build()))
                .hasMessageContaining("already the stable version");
        assertThatThrownBy(() -> DeploymentCodec.toSpec(
                        deployment(3).setShadows(List.of(3)).build()))
                .hasMessageContaining("cannot be a shadow");
        assertThatThrownBy(() -> DeploymentCodec.toSpec(deployment(0).build()))
                .hasMessageContaining("deployment of fraud (revision 1) is invalid");
    }

    @Test
    void experimentIdSaltsTheBuckets() {
        Map<String, int[]> arms = new LinkedHashMap<>();
        arms.put("a", new int[] {1, 50});
        arms.put("b", new int[] {2, 50});
        DeploymentSpec one = new DeploymentSpec("m", RolloutPolicy.experiment("one", arms), List.of(), List.of(), 1);
        DeploymentSpec two = new DeploymentSpec("m", RolloutPolicy.experiment("two", arms), List.of(), List.of(), 1);
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            if (!Router.route(one, key, HeaderView.NONE)
                    .arm()
                    .equals(Router.route(two, key, HeaderView.NONE).arm())) {
                differ++;
            }
        }
        assertThat(differ).isBetween(400, 600);
    }

    private static Deployment.Builder deployment(int stable) {
        return Deployment.newBuilder()
                .setModel("fraud")
                .setStable(stable)
                .setRevision(1)
                .setChangedBy("test")
                .setChangedAt(Instant.parse("2026-11-28T10:00:00Z"))
                .setReason("test");
    }
}
