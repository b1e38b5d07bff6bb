/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void unknownFiguresShowAsADash() {
        assertThat(Format.number(null, 1)).isEqualTo("—");
        assertThat(Format.percent(Double.NaN)).isEqualTo("—");
        assertThat(Format.millis(null)).isEqualTo("—");
        assertThat(Format.level(null, 1, 2)).isEmpty();
    }

    @Test
    void levelsRiseWithTheFigure() {
        assertThat(Format.level(0.0, 0.01, 0.05)).isEqualTo("ok");
        assertThat(Format.level(0.02, 0.01, 0.05)).isEqualTo("warn");
        assertThat(Format.level(0.05, 0.01, 0.05)).isEqualTo("bad");
    }

    @Test
    void signInOnlyReturnsToAPathOfThisConsole() {
        assertThat(LoginHandler.safeNext("/models/fraud")).isEqualTo("/models/fraud");
        assertThat(LoginHandler.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(LoginHandler.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(LoginHandler.safeNext(null)).isEqualTo("/");
    }
}
