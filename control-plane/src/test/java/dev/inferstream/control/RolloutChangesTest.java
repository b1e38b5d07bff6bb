/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.Deployment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutChangesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void percentsBecomeBasisPointsWithTwoDecimalsAtMost() {
        assertThat(RolloutChanges.basisPoints(new BigDecimal("5"))).isEqualTo(500);
        assertThat(RolloutChanges.basisPoints(new BigDecimal("0.25"))).isEqualTo(25);
        assertThat(RolloutChanges.basisPoints(new BigDecimal("100.00"))).isEqualTo(10_000);
        assertThatThrownBy(() -> RolloutChanges.basisPoints(new BigDecimal("0.125")))
                .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> RolloutChanges.basisPoints(new BigDecimal("150")))
                .hasMessageContaining("between 0 and 100");
    }

    @Test
    void everyChangeKnowsItsScorerctlCommandLine() {
        assertThat(RolloutChanges.deploy("fraud", 3).commandLine()).isEqualTo("scorerctl deploy fraud 3");
        assertThat(RolloutChanges.canary(
                                "fraud",
                                4,
                                new BigDecimal("5.0"),
                                new RolloutChanges.Gates(0.01, null, null, 200, "30s"))
                        .commandLine())
                .isEqualTo("scorerctl canary fraud 4 --percent 5 --max-error-rate-increase 0.01 --min-samples 200"
                        + " --observe 30s");
        assertThat(RolloutChanges.ab("fraud", List.of("control=3:50", "treatment=4:50"), null)
                        .commandLine())
                .isEqualTo("scorerctl ab fraud --arm control=3:50 --arm treatment=4:50");
        assertThat(RolloutChanges.keyField("fraud", "customer id").commandLine())
                .isEqualTo("scorerctl key-field fraud 'customer id'");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> RolloutChanges.canary(
                        "fraud", 4, BigDecimal.ONE, new RolloutChanges.Gates(null, null, null, 100, "10m")))
                .hasMessageContaining("--observe needs at least one gate");
        assertThatThrownBy(() -> RolloutChanges.ab("fraud", List.of("control=3"), null))
                .hasMessageContaining("write NAME=VERSION:PERCENT");
        assertThatThrownBy(() -> RolloutChanges.bandit("fraud", List.of("a=1"), "binary", BigDecimal.ONE, "60s", null))
                .hasMessageContaining("at least two --arm");
        assertThatThrownBy(() -> RolloutChanges.cascade("fraud", 1, 2, 0.9, "certainty"))
                .hasMessageContaining("choose one of [max-probability, margin]");
        assertThatThrownBy(() -> RolloutChanges.duration("--observe", "ten minutes"))
                .hasMessageContaining("write a duration like");
    }

    @Test
    void nextSetsRevisionAuthorAndDefaultReason() {
        Deployment first = RolloutChanges.deploy("fraud", 3).next(null, "alice", null, NOW);
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(first.getChangedBy()).isEqualTo("alice");
        assertThat(first.getReason()).isEqualTo("deploy v3");

        Deployment canary = RolloutChanges.canary("fraud", 4, BigDecimal.TEN, RolloutChanges.Gates.none())
                .next(first, "bob", "try v4", NOW);
        assertThat(canary.getRevision()).isEqualTo(2);
        assertThat(canary.getCanary().getBasisPoints()).isEqualTo(1_000);
        assertThat(canary.getReason()).isEqualTo("try v4");
    }

    @Test
    void aChangeOtherThanDeployNeedsADeploymentFirst() {
        assertThatThrownBy(() -> RolloutChanges.shadow("fraud", 2).next(null, "alice", null, NOW))
                .hasMessageContaining("start with scorerctl deploy fraud <version>");
    }

    @Test
    void restoreBringsBackAnEarlierRevisionsRouting() {
        Deployment v3 = RolloutChanges.deploy("fraud", 3).next(null, "alice", null, NOW);
        Deployment canary = RolloutChanges.canary("fraud", 4, BigDecimal.TEN, RolloutChanges.Gates.none())
                .next(v3, "alice", null, NOW);
        Deployment v5 = RolloutChanges.deploy("fraud", 5).next(canary, "alice", null, NOW);

        Deployment restored = RolloutChanges.restore("fraud", canary).next(v5, "carol", null, NOW);

        assertThat(restored.getRevision()).isEqualTo(4);
        assertThat(restored.getStable()).isEqualTo(3);
        assertThat(restored.getCanary().getVersion()).isEqualTo(4);
        assertThat(restored.getPreviousStable()).isEqualTo(5);
        assertThat(restored.getChangedBy()).isEqualTo("carol");
        assertThat(restored.getReason()).isEqualTo("restore revision 2");
    }
}
