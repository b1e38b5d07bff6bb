/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A two-stage cascade: the first (cheap) version scores every record and decides those it is confident about;
 * the rest go on to the second version, which decides them.
 */
public record CascadePolicy(int first, int second, Confidence confidence, double threshold) implements RolloutPolicy {
    public static final String ARM = "cascade";

    /** How confident a classifier's output is, from its class probabilities. */
    public enum Confidence {
        /** The highest class probability. */
        MAX_PROBABILITY,
        /** The highest minus the second-highest class probability. */
        MARGIN;

        /** The confidence of {@code probabilities}; 0 when there are none. */
        public double of(double[] probabilities) {
            double top = 0;
            double next = 0;
            for (double p : probabilities) {
                if (p > top) {
                    next = top;
                    top = p;
                } else if (p > next) {
                    next = p;
                }
            }
            return this == MAX_PROBABILITY ? top : top - next;
        }
    }

    public CascadePolicy {
        if (first < 1 || second < 1) {
            throw new IllegalArgumentException("cascade versions must be positive integers");
        }
        if (first == second) {
            throw new IllegalArgumentException("a cascade cannot pass records from version " + first + " to itself");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("cascade threshold must be between 0 and 1, not " + threshold);
        }
    }

    /** The arm of a prediction decided by {@code stage} (1 or 2). */
    public static String arm(int stage) {
        return ARM + ":" + stage;
    }

    @Override
    public Choice choose(int bucket) {
        return new Choice(first, ARM);
    }

    @Override
    public boolean splits() {
        return false;
    }

    @Override
    public Set<Integer> versions() {
        return new LinkedHashSet<>(List.of(first, second));
    }
}
