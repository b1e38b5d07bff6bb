/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What one version did with an uploaded file: its score histogram, label counts and, when the file has a label
 * column, accuracy, a confusion matrix and the ROC curve. Memory is bounded: the ROC uses a uniform sample of at most
 * {@value #ROC_SAMPLE} rows.
 */
public final class VersionTally {
    static final int BINS = 20;
    static final int ROC_SAMPLE = 200_000;

    private final int version;
    private final String positive;
    private final long[] histogram = new long[BINS];
    private final Map<String, Long> labels = new TreeMap<>();
    private final Map<String, Map<String, Long>> confusion = new TreeMap<>();
    private final double[] rocScores = new double[ROC_SAMPLE];
    private final boolean[] rocPositive = new boolean[ROC_SAMPLE];
    private final Random sampler = new Random(7);
    private long sampled;
    private long scored;
    private long failed;
    private long judged;
    private long correct;
    private final List<String> failures = new ArrayList<>();

    /** @param positive the positive class, for the ROC curve; null when the model has none */
    VersionTally(int version, String positive) {
        this.version = version;
        this.positive = positive;
    }

    void scored(Double score, String label, String actual) {
        scored++;
        if (score != null && !score.isNaN()) {
            int bin = (int) Math.floor(Math.max(0, Math.min(0.999_999, score)) * BINS);
            histogram[bin]++;
        }
        if (label != null) {
            labels.merge(label, 1L, Long::sum);
        }
        if (actual != null && !actual.isEmpty()) {
            judged++;
            if (actual.equals(label)) {
                correct++;
            }
            confusion.computeIfAbsent(actual, a -> new TreeMap<>()).merge(label == null ? "—" : label, 1L, Long::sum);
            if (positive != null && score != null) {
                sample(score, actual.equals(positive));
            }
        }
    }

    void failed(String reason) {
        failed++;
        if (failures.size() < 5) {
            failures.add(reason);
        }
    }

    private void sample(double score, boolean isPositive) {
        long seen = sampled++;
        int slot;
        if (seen < ROC_SAMPLE) {
            slot = (int) seen;
        } else {
            long r = (long) (sampler.nextDouble() * (seen + 1));
            if (r >= ROC_SAMPLE) {
                return;
            }
            slot = (int) r;
        }
        rocScores[slot] = score;
        rocPositive[slot] = isPositive;
    }

    public int version() {
        return version;
    }

    public long scoredRows() {
        return scored;
    }

    public long failedRows() {
        return failed;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public long[] histogram() {
        return histogram.clone();
    }

    public Map<String, Long> labels() {
        return Map.copyOf(labels);
    }

    /** Actual label → predicted label → rows. */
    public Map<String, Map<String, Long>> confusion() {
        return confusion;
    }

    /** Correct / judged, null without a label column. */
    public Double accuracy() {
        return judged == 0 ? null : correct / (double) judged;
    }

    public Roc roc() {
        int n = (int) Math.min(sampled, ROC_SAMPLE);
        return n == 0 ? null : Roc.of(Arrays.copyOf(rocScores, n), Arrays.copyOf(rocPositive, n));
    }
}
