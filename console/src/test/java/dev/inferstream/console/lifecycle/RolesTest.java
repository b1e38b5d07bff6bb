/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.control.RolloutChanges;
import dev.inferstream.schemas.Deployment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aVersionMovesFromPublishedThroughShadowAndCanaryToServingAndRetired() {
        Deployment v1 = RolloutChanges.deploy("m", 1).next(null, "a", null, NOW);
        Deployment shadow = RolloutChanges.shadow("m", 2).next(v1, "a", null, NOW);
        Deployment canary = RolloutChanges.canary("m", 2, BigDecimal.TEN, RolloutChanges.Gates.none())
                .next(shadow, "a", null, NOW);
        Deployment promoted = RolloutChanges.promote("m", null).next(canary, "a", null, NOW);
        List<Integer> published = List.of(1, 2, 3);

        assertThat(Roles.versions(published, shadow, List.of(v1, shadow)))
                .isEqualTo(Map.of(1, Stage.SERVING, 2, Stage.SHADOW, 3, Stage.PUBLISHED));
        assertThat(Roles.model(shadow, published)).isEqualTo(Stage.SHADOW);
        assertThat(Roles.model(canary, published)).isEqualTo(Stage.CANARY);
        assertThat(Roles.versions(published, promoted, List.of(v1, shadow, canary, promoted)))
                .isEqualTo(Map.of(1, Stage.RETIRED, 2, Stage.SERVING, 3, Stage.PUBLISHED));
        assertThat(Roles.model(promoted, published)).isEqualTo(Stage.SERVING);
        assertThat(Roles.model(null, published)).isEqualTo(Stage.PUBLISHED);
    }

    @Test
    void theSplitReadsLikeTheDeployment() {
        Deployment v1 = RolloutChanges.deploy("m", 1).next(null, "a", null, NOW);
        Deployment canary = RolloutChanges.canary("m", 2, new BigDecimal("2.5"), RolloutChanges.Gates.none())
                .next(RolloutChanges.shadow("m", 3).next(v1, "a", null, NOW), "a", null, NOW);
        assertThat(TrafficSplit.text(canary)).isEqualTo("v1 stable 97.50 %, v2 canary 2.50 %, v3 shadow 0 %");
        assertThat(TrafficSplit.text(null)).isEqualTo("not deployed");
    }
}
