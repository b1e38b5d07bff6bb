/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestDiffTest {
    @Test
    void showsRemovedAndAddedLinesBetweenCommonOnes() {
        assertThat(ManifestDiff.lines("name: m\nversion: 1\ndescription: a", "name: m\nversion: 2\ndescription: a"))
                .containsExactly(
                        new ManifestDiff.Line(' ', "name: m"),
                        new ManifestDiff.Line('-', "version: 1"),
                        new ManifestDiff.Line('+', "version: 2"),
                        new ManifestDiff.Line(' ', "description: a"));
    }
}
