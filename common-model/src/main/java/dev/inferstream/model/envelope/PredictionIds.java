/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import dev.inferstream.schemas.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Computes {@link Envelopes#predictionId} without building the identity text per record: the bytes before the offset
 * ({@code system|name|partition|}) and after it ({@code |model|version|arm}) are encoded once and kept while they
 * repeat, as they do for every record of a partition scored by one version and arm. Not thread-safe: a scoring loop
 * keeps its own, {@link Envelopes#predictionId} one per thread.
 */
public final class PredictionIds {
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest = Envelopes.sha256();
    private final byte[] hash = new byte[32];
    private final byte[] offsetDigits = new byte[20];
    private String system;
    private String name;
    private int partition;
    private byte[] before;
    private String model;
    private int version;
    private String arm;
    private byte[] after;

    /** The prediction id of {@code source} scored by {@code model} version {@code version} on {@code arm}. */
    public String id(SourceRecord source, String model, int version, String arm) {
        digest.update(before(source));
        int start = digits(source.getOffset());
        digest.update(offsetDigits, start, offsetDigits.length - start);
        digest.update(after(model, version, arm));
        try {
            digest.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return HEX.formatHex(hash, 0, 16);
    }

    private byte[] before(SourceRecord source) {
        String s = source.getSystem();
        String n = source.getName();
        int p = source.getPartition();
        if (before == null || p != partition || !Objects.equals(n, name) || !Objects.equals(s, system)) {
            system = s;
            name = n;
            partition = p;
            before = (s + "|" + n + "|" + p + "|").getBytes(StandardCharsets.UTF_8);
        }
        return before;
    }

    private byte[] after(String m, int v, String a) {
        if (after == null || v != version || !Objects.equals(m, model) || !Objects.equals(a, arm)) {
            model = m;
            version = v;
            arm = a;
            after = ("|" + m + "|" + v + "|" + a).getBytes(StandardCharsets.UTF_8);
        }
        return after;
    }

    /** Writes the offset's decimal digits (as {@link Long#toString} does) right-aligned; returns where they start. */
    private int digits(long offset) {
        if (offset < 0) {
            byte[] text = Long.toString(offset).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, offsetDigits, offsetDigits.length - text.length, text.length);
            return offsetDigits.length - text.length;
        }
        int i = offsetDigits.length;
        do {
            offsetDigits[--i] = (byte) ('0' + offset % 10);
            offset /= 10;
        } while (offset != 0);
        return i;
    }
}
