/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import dev.inferstream.model.envelope.Explanations;
import java.util.List;

/**
 * The route key {@code scorer.route.<name>.explain}: {@code off} (default), {@code top-<k>} (each prediction carries
 * its k largest attributions and the sum of the rest) or {@code all}.
 */
final class RouteExplain {
    private RouteExplain() {}

    /** The route's top-k, 0 when off; a bad value is added to {@code problems}. */
    static int topK(String value, String key, List<String> problems) {
        try {
            return Explanations.topK(value);
        } catch (IllegalArgumentException e) {
            problems.add(key + " " + e.getMessage());
            return 0;
        }
    }
}
