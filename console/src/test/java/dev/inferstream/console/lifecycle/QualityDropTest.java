/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityDropTest {
    @Test
    void theStableVersionIsComparedWithTheBestOtherVersionOnJoinedFeedback() {
        List<QualityStats> stats =
                List.of(judged(1, 200, 180), judged(2, 150, 120), judged(2, 50, 40), judged(3, 300, 270));
        QualityDrop drop = QualityDrop.of(stable(2), stats).orElseThrow();
        assertThat(drop.stable()).isEqualTo(2);
        assertThat(drop.accuracy()).isEqualTo(0.8);
        assertThat(drop.best()).isIn(1, 3);
        assertThat(drop.bestAccuracy()).isEqualTo(0.9);
        assertThat(drop.drop()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void noDropWhenTheStableVersionIsBestOrHasTooLittleFeedback() {
        assertThat(QualityDrop.of(stable(1), List.of(judged(1, 200, 190), judged(2, 200, 100))))
                .isEmpty();
        assertThat(QualityDrop.of(stable(2), List.of(judged(1, 200, 190), judged(2, 99, 10))))
                .isEmpty();
        assertThat(QualityDrop.of(stable(2), List.of(judged(1, 99, 99), judged(2, 200, 100))))
                .isEmpty();
        assertThat(QualityDrop.of(null, List.of(judged(1, 200, 190)))).isEmpty();
    }

    private static QualityStats judged(int version, long classified, long correct) {
        QualityStats s = Quality.empty("m", version, "stable", 0);
        s.setClassified(classified);
        s.setCorrect(correct);
        s.setJoined(classified);
        s.setPredictions(classified);
        return s;
    }

    private static Deployment stable(int version) {
        return Deployment.newBuilder()
                .setModel("m")
                .setStable(version)
                .setRevision(1)
                .setChangedBy("t")
                .setChangedAt(Instant.EPOCH)
                .setReason("")
                .build();
    }
}
