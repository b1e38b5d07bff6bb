/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a record key appears in the prediction envelope. */
class KeyTextTest {

    @Test
    void textKeysAreKeptAsTheyAreIncludingTabsAndNonAsciiCharacters() {
        assertThat(KeyText.of(utf8("customer-42"))).isEqualTo("customer-42");
        assertThat(KeyText.of(utf8("a\tb ~\u007f"))).isEqualTo("a\tb ~\u007f");
        assertThat(KeyText.of(utf8("clé-ü-€"))).isEqualTo("clé-ü-€");
        assertThat(KeyText.of(new byte[0])).isEmpty();
    }

    @Test
    void keysWithControlCharactersOrInvalidUtf8AreBase64() {
        assertThat(KeyText.of(new byte[] {'a', '\n', 'b'})).isEqualTo("base64:YQpi");
        assertThat(KeyText.of(new byte[] {0, 0, 0, 42})).isEqualTo("base64:AAAAKg==");
        assertThat(KeyText.of(new byte[] {'a', (byte) 0xC3})).isEqualTo("base64:YcM=");
        assertThat(KeyText.of(utf8("é\n"))).isEqualTo("base64:w6kK");
    }

    @Test
    void noKeyIsNull() {
        assertThat(KeyText.of(null)).isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
