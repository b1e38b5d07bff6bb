/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The route key {@code scorer.route.<name>.explain}. */
class RouteExplainTest {

    @Test
    void routesExplainTheirTopKOrAllFieldsOnlyWhenAsked() {
        assertThat(topK(null)).isZero();
        assertThat(topK("off")).isZero();
        assertThat(topK("top-3")).isEqualTo(3);
        assertThat(topK("all")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aBadValueIsReportedWithTheFormsItMayTake() {
        for (String bad : new String[] {"top-0", "5", "top-k", "yes"}) {
            assertThatThrownBy(() -> topK(bad))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("scorer.route.fraud.explain must be off, all or top-<k>")
                    .hasMessageContaining("not '" + bad + "'");
        }
    }

    private static int topK(String value) {
        Properties p = MinimalConfig.fraudRoute();
        if (value != null) {
            p.setProperty("scorer.route.fraud.explain", value);
        }
        return ScorerConfig.from(p).routes().get(0).explainTopK();
    }
}
