/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.util.List;

/**
 * The route key {@code scorer.route.<name>.explain}: {@code off} (default), {@code top-<k>} (each prediction carries
 * its k largest attributions and the sum of the rest) or {@code all}.
 */
final class RouteExplain {
    /** The top-k of {@code all}: every field. */
    static final int ALL = Integer.MAX_VALUE;

    private RouteExplain() {}

    /** The route's top-k, 0 when off; a bad value is added to {@code problems}. */
    static int topK(String value, String key, List<String> problems) {
        if (value == null || value.equals("off")) {
            return 0;
        }
        if (value.equals("all")) {
            return ALL;
        }
        if (value.matches("top-[1-9][0-9]{0,3}")) {
            return Integer.parseInt(value.substring("top-".length()));
        }
        problems.add(
                key + " must be off, all or top-<k> (e.g. top-5: the k largest attributions), not '" + value + "'");
        return 0;
    }
}
