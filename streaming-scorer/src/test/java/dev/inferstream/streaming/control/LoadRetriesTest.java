/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRetriesTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final LoadRetries retries = new LoadRetries();

    @Test
    void aDeploymentThatFailedToLoadIsDueAgainAfterTheFirstPauseAndNotBefore() {
        DeploymentSpec v2 = revision(7);
        assertThat(retries.failed(v2, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retries.due(4 * SECOND)).isEmpty();
        assertThat(retries.due(5 * SECOND)).containsExactly(v2);
        assertThat(retries.due(6 * SECOND))
                .as("held back while the attempt runs")
                .isEmpty();
    }

    @Test
    void eachFailureOfTheSameRevisionDoublesThePauseUpToFiveMinutes() {
        DeploymentSpec v2 = revision(7);
        long now = 0;
        Duration pause = retries.failed(v2, now);
        for (int i = 0; i < 12; i++) {
            now += pause.toNanos();
            assertThat(retries.due(now)).containsExactly(v2);
            Duration next = retries.failed(v2, now);
            assertThat(next).isEqualTo(min(pause.multipliedBy(2), Duration.ofMinutes(5)));
            pause = next;
        }
        assertThat(pause).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aNewerRevisionThatFailsStartsFromTheFirstPause() {
        retries.failed(revision(7), 0);
        retries.due(5 * SECOND);
        retries.failed(revision(7), 5 * SECOND);
        assertThat(retries.failed(revision(8), 6 * SECOND)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retries.due(11 * SECOND)).containsExactly(revision(8));
    }

    @Test
    void aForgottenDeploymentIsNotTriedAgain() {
        retries.failed(revision(7), 0);
        retries.forget("fraud");
        assertThat(retries.due(Long.MAX_VALUE - 1)).isEmpty();
    }

    private static DeploymentSpec revision(long revision) {
        return new DeploymentSpec("fraud", RolloutPolicy.stable(2), List.of(), List.of(), revision);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
