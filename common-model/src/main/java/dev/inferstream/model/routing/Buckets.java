/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.nio.charset.StandardCharsets;

/**
 * Sticky traffic buckets: {@code murmur3_32(key, seed = murmur3_32(model + "/" + salt))} mod 10,000. The same key
 * lands in the same bucket in every engine, process and run, so a customer stays in one arm, and growing a
 * split from 5 % to 10 % only moves the keys in buckets 500-999.
 */
public final class Buckets {
    /** Buckets per split: shares are expressed in basis points (1/100 of a percent). */
    public static final int COUNT = 10_000;

    private Buckets() {}

    /** The sticky bucket (0 to {@link #COUNT} - 1) of {@code key} for {@code model}'s split salted with {@code salt}. */
    public static int of(byte[] key, String model, String salt) {
        int seed = murmur3(utf8(model + "/" + salt), 0x9747b28c);
        return Math.floorMod(murmur3(key, seed), COUNT);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** MurmurHash3 x86 32-bit. */
    static int murmur3(byte[] data, int seed) {
        int h = seed;
        int length = data.length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[i * 4] & 0xff)
                    | (data[i * 4 + 1] & 0xff) << 8
                    | (data[i * 4 + 2] & 0xff) << 16
                    | (data[i * 4 + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= data[tail] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
