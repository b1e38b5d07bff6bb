/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocTest {
    @Test
    void aucIsTheChanceThatAPositiveOutranksANegative() {
        Random random = new Random(11);
        int n = 2_000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextBoolean();
            scores[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
        }
        long wins = 0;
        long ties = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    if (scores[i] > scores[j]) {
                        wins++;
                    } else if (scores[i] == scores[j]) {
                        ties++;
                    }
                }
            }
        }
        Roc roc = Roc.of(scores, positive);
        assertThat(roc.auc()).isCloseTo((wins + ties / 2.0) / pairs, within(1e-12));
        assertThat(roc.points().get(0)).containsExactly(0, 0);
        assertThat(roc.points().get(roc.points().size() - 1)).containsExactly(1, 1);
    }

    @Test
    void tiedScoresCountHalfAndOneClassGivesNoCurve() {
        assertThat(Roc.of(new double[] {0.5, 0.5}, new boolean[] {true, false}).auc())
                .isEqualTo(0.5);
        assertThat(Roc.of(new double[] {0.1, 0.9}, new boolean[] {true, true}).auc())
                .isNaN();
    }
}
