/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Experiment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutsTest {

    @Test
    void promoteMakesTheCanaryStableAndRemembersThePreviousStable() {
        Deployment canary = Rollouts.canary(stable(3), 4, 500).build();
        Deployment promoted = Rollouts.promote(canary, null).build();
        assertThat(promoted.getStable()).isEqualTo(4);
        assertThat(promoted.getPreviousStable()).isEqualTo(3);
        assertThat(promoted.getCanary()).isNull();
    }

    @Test
    void rollbackEndsARunningPatternFirstThenReturnsToThePreviousStableOnce() {
        Deployment promoted = Rollouts.promote(
                        Rollouts.canary(stable(3), 4, 500).build(), null)
                .build();
        Deployment canaryAgain = Rollouts.canary(promoted, 5, 100).build();

        Deployment aborted = Rollouts.rollback(canaryAgain).build();
        assertThat(aborted.getCanary()).isNull();
        assertThat(aborted.getStable()).isEqualTo(4);

        Deployment back = Rollouts.rollback(aborted).build();
        assertThat(back.getStable()).isEqualTo(3);
        assertThat(back.getPreviousStable()).isNull();
        assertThatThrownBy(() -> Rollouts.rollback(back))
                .isInstanceOf(RolloutException.class)
                .hasMessageContaining("nothing to roll back");
    }

    @Test
    void aVersionThatGoesLiveStopsBeingAShadow() {
        Deployment shadowed = Rollouts.shadow(stable(3), 4).build();
        assertThat(shadowed.getShadows()).containsExactly(4);
        assertThat(Rollouts.canary(shadowed, 4, 1_000).build().getShadows()).isEmpty();
        assertThat(Rollouts.deploy(shadowed, 4).build().getShadows()).isEmpty();
        assertThat(Rollouts.cascade(shadowed, new Cascade(3, 4, Confidence.MARGIN, 0.5))
                        .build()
                        .getShadows())
                .isEmpty();
    }

    @Test
    void promotingAnExperimentNeedsAnExistingArm() {
        Deployment ab = Rollouts.experiment(
                        stable(3),
                        new Experiment("e1", List.of(new Arm("control", 3, 50), new Arm("treatment", 4, 50))))
                .build();
        assertThatThrownBy(() -> Rollouts.promote(ab, null)).hasMessageContaining("--arm (control, treatment)");
        assertThatThrownBy(() -> Rollouts.promote(ab, "bold")).hasMessageContaining("no arm 'bold'");
        assertThat(Rollouts.promote(ab, "treatment").build().getStable()).isEqualTo(4);
        assertThatThrownBy(() -> Rollouts.promote(stable(3), null))
                .hasMessageContaining("no canary, experiment or bandit to promote");
    }

    private static Deployment stable(int version) {
        return Rollouts.first("fraud", version)
                .setRevision(1)
                .setChangedAt(Instant.EPOCH)
                .build();
    }
}
