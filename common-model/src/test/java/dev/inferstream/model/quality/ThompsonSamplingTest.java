/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {

    @Test
    void theClearlyBetterArmGetsMostTrafficAndNoArmFallsBelowTheFloor() {
        int[] shares = ThompsonSampling.shares(
                List.of(
                        new ThompsonSampling.Evidence(200, 40, 40),
                        new ThompsonSampling.Evidence(200, 180, 180),
                        new ThompsonSampling.Evidence(5, 1, 1)),
                true,
                500,
                new Random(1));
        assertThat(shares[0] + shares[1] + shares[2]).isEqualTo(10_000);
        assertThat(shares[1]).isGreaterThan(8_000);
        assertThat(shares[0]).isGreaterThanOrEqualTo(500);
        assertThat(shares[2]).isGreaterThanOrEqualTo(500);
    }

    @Test
    void withoutEvidenceTheArmsShareAboutEqually() {
        int[] shares = ThompsonSampling.shares(
                List.of(new ThompsonSampling.Evidence(0, 0, 0), new ThompsonSampling.Evidence(0, 0, 0)),
                true,
                500,
                new Random(2));
        assertThat(shares[0]).isBetween(4_500, 5_500);
    }

    @Test
    void numericRewardsFavourTheHigherMean() {
        int[] shares = ThompsonSampling.shares(
                List.of(
                        new ThompsonSampling.Evidence(100, 100 * 2.0, 100 * 4.5),
                        new ThompsonSampling.Evidence(100, 100 * 3.0, 100 * 9.5)),
                false,
                1_000,
                new Random(3));
        assertThat(shares[1]).isEqualTo(9_000);
        assertThat(shares[0]).isEqualTo(1_000);
    }
}
