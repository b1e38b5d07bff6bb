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

    public static String of(byte[] key) {
        if (key == null) {
            return null;
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
}
