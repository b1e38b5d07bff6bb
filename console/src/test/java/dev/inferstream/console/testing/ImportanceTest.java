/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.ExplainMethod;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.explain.OutputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportanceTest {

    @Test
    void ranksFieldsByMeanAbsoluteAttributionOverTheSample() {
        Importance importance = new Importance(3);
        importance.add(explanation(0.5, -2.0, 0.0));
        importance.add(explanation(-1.5, 1.0, 0.0));

        assertThat(importance.ranked()).extracting(Importance.Field::name).containsExactly("b", "a", "c");
        assertThat(importance.ranked().get(0).meanAbsAttribution()).isCloseTo(1.5, within(1e-12));
        assertThat(importance.ranked().get(1).meanAbsAttribution()).isCloseTo(1.0, within(1e-12));
        assertThat(importance.ranked().get(2).meanAbsAttribution()).isZero();
        assertThat(importance.largest()).isCloseTo(1.5, within(1e-12));
        assertThat(importance.explained()).isEqualTo(2);
        assertThat(importance.method()).contains("LINEAR", "fraud");
    }

    @Test
    void stopsAskingOnceTheSampleIsExplainedOrFailed() {
        Importance importance = new Importance(1);
        for (int i = 0; i < Importance.SAMPLE - 1; i++) {
            importance.add(explanation(1, 1, 1));
        }
        assertThat(importance.wantsMore()).isTrue();
        importance.failed();
        assertThat(importance.wantsMore()).isFalse();
        assertThat(importance.failedRows()).isEqualTo(1);
    }

    @Test
    void nothingExplainedRanksNothing() {
        Importance importance = new Importance(1);
        assertThat(importance.ranked()).isEmpty();
        assertThat(importance.largest()).isZero();
        assertThat(importance.method()).isEmpty();
    }

    private static Explanation explanation(double a, double b, double c) {
        return new Explanation(
                ExplainMethod.LINEAR,
                OutputSpace.values()[0],
                "fraud",
                0.1,
                0.1 + a + b + c,
                List.of(new FieldAttribution("a", a), new FieldAttribution("b", b), new FieldAttribution("c", c)));
    }
}
