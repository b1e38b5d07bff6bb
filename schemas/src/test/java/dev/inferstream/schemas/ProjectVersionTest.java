/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectVersionTest {
    @Test
    void versionIsTheRootPomVersionWrittenAtBuildTime() {
        assertThat(ProjectVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(ProjectVersion.line("scorerctl")).isEqualTo("scorerctl " + ProjectVersion.get());
    }
}
