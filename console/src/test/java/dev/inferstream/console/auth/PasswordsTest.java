/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void aHashMatchesItsPasswordOnlyAndNeverContainsIt() {
        String hash = Passwords.hash("correct horse".toCharArray(), 1_000);
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
        assertThat(Passwords.matches("correct horse".toCharArray(), hash)).isTrue();
        assertThat(Passwords.matches("correct hors".toCharArray(), hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(Passwords.hash("secret123".toCharArray(), 1_000))
                .isNotEqualTo(Passwords.hash("secret123".toCharArray(), 1_000));
    }

    @Test
    void somethingThatIsNotAHashNeverMatches() {
        assertThat(Passwords.matches("x".toCharArray(), "x")).isFalse();
        assertThat(Passwords.isHash("hunter2")).isFalse();
    }
}
