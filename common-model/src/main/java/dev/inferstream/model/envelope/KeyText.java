/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A record key as text for the prediction envelope: UTF-8 when it is text, else {@code base64:…}. */
public final class KeyText {
    private KeyText() {}

    /** The key as text; null stays null. */
    public static String of(byte[] key) {
        if (key == null) {
            return null;
        }
        if (printableAscii(key)) {
            // the common case, decoded without a decoder per record: ASCII is UTF-8 with the same characters
            return new String(key, StandardCharsets.US_ASCII);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
            if (text.chars().noneMatch(c -> c < 0x20 && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException notText) {
            // fall through to base64
        }
        return "base64:" + Base64.getEncoder().encodeToString(key);
    }

    /** Only printable ASCII and tabs: text that UTF-8 decodes unchanged and the control-character check accepts. */
    private static boolean printableAscii(byte[] key) {
        for (byte b : key) {
            if (b < 0x20 && b != '\t') { // bytes from 0x80 up are negative
                return false;
            }
        }
        return true;
    }
}
