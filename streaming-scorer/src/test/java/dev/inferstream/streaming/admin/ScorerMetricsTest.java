/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.ProjectVersion;
import org.junit.jupiter.api.Test;

class ScorerMetricsTest {

    @Test
    void buildInfoNamesTheProjectAndJavaVersions() {
        String scrape = new ScorerMetrics().scrape();

        assertThat(scrape)
                .containsPattern("inferstream_build_info\\{[^}]*version=\""
                        + ProjectVersion.get().replace(".", "\\.") + "\"[^}]*} 1");
        assertThat(scrape).contains("java=\"" + Runtime.version() + "\"");
    }
}
