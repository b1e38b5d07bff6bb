/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often a candidate version agrees with the production version on the same records: same label, and the
 * absolute difference of their scores. Thread-safe; one instance per process, keyed by model and version pair.
 */
public final class Agreement {
    private final Map<Pair, Counts> pairs = new ConcurrentHashMap<>();

    /** A production version and the candidate compared with it. */
    public record Pair(String model, int production, int candidate) {}

    /**
     * The comparisons of one pair so far.
     *
     * @param meanAbsScoreDelta mean |candidate score - production score| over records where both have a score
     */
    public record Summary(Pair pair, long compared, long agreed, double meanAbsScoreDelta, double maxAbsScoreDelta) {}

    /** Records one record's comparison; labels or scores may be null when the model gives none. */
    public void record(
            Pair pair, String productionLabel, Double productionScore, String candidateLabel, Double candidateScore) {
        Counts counts = pairs.computeIfAbsent(pair, p -> new Counts());
        counts.compared.increment();
        if (Objects.equals(productionLabel, candidateLabel)) {
            counts.agreed.increment();
        }
        if (productionScore != null && candidateScore != null) {
            double delta = Math.abs(candidateScore - productionScore);
            counts.scored.increment();
            counts.deltaSum.add(delta);
            counts.deltaMax.accumulateAndGet(
                    Double.doubleToLongBits(delta),
                    (a, b) -> Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? a : b);
        }
    }

    /** One summary per pair of versions compared so far. */
    public List<Summary> summaries() {
        return pairs.entrySet().stream()
                .map(e -> e.getValue().summary(e.getKey()))
                .toList();
    }

    private static final class Counts {
        final LongAdder compared = new LongAdder();
        final LongAdder agreed = new LongAdder();
        final LongAdder scored = new LongAdder();
        final DoubleAdder deltaSum = new DoubleAdder();
        final AtomicLong deltaMax = new AtomicLong();

        Summary summary(Pair pair) {
            long n = scored.sum();
            return new Summary(
                    pair,
                    compared.sum(),
                    agreed.sum(),
                    n == 0 ? 0 : deltaSum.sum() / n,
                    Double.longBitsToDouble(deltaMax.get()));
        }
    }
}
