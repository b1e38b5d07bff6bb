/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.ShadowTopic;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowDestinationsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void saysWhereTheLiveScorersWriteShadowPredictions() {
        String note = ShadowDestinations.check(
                List.of(
                        status("b", NOW, new ShadowTopic("preds.shadow", true)),
                        status("a", NOW.minusSeconds(30), new ShadowTopic("preds.shadow", true))),
                "fraud",
                NOW);

        assertThat(note).isEqualTo("shadow predictions go to preds.shadow (a, b)");
    }

    @Test
    void refusesWhileALiveScorerReportsItsShadowTopicMissing_issue12() {
        assertThatThrownBy(() -> ShadowDestinations.check(
                        List.of(status("s1", NOW, new ShadowTopic("preds.shadow", false))), "fraud", NOW))
                .isInstanceOf(RolloutException.class)
                .hasMessageContaining("scorer s1")
                .hasMessageContaining("preds.shadow, which does not exist")
                .hasMessageContaining("kafka-topics.sh --create --topic preds.shadow");
    }

    @Test
    void ignoresScorersThatStoppedReporting() {
        String note = ShadowDestinations.check(
                List.of(status("gone", NOW.minusSeconds(600), new ShadowTopic("preds.shadow", false))), "fraud", NOW);

        assertThat(note).startsWith("no scorer serving fraud has reported");
    }

    private static ScorerStatus status(String scorer, Instant updated, ShadowTopic topic) {
        return ScorerStatus.newBuilder()
                .setModel("fraud")
                .setScorer(scorer)
                .setStartedAt(updated)
                .setUpdatedAt(updated)
                .setShadowTopics(List.of(topic))
                .build();
    }
}
