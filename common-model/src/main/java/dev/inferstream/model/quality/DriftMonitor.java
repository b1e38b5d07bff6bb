/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FeatureBaseline;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.ModelManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one model version's input and score distributions for drift, in tumbling windows of a fixed number of
 * records. Each feature is compared with its training baseline from the manifest; a feature without one, and the
 * score, are compared with the first window after deployment. The comparison is the population stability index
 * (PSI) over fixed bins, so the cost per record is one bin lookup per feature. Thread-safe.
 */
public final class DriftMonitor {
    /** Name of the score in {@link Report#psi()}. */
    public static final String SCORE = "score";

    private final String model;
    private final int version;
    private final int window;
    private final List<Monitored> monitored = new ArrayList<>();
    private final Monitored score;
    private long seen;

    /**
     * The PSI of every monitored feature (and {@link #SCORE}) over one window.
     *
     * @param psi feature path (or {@code score}) to its PSI; features still learning their reference are absent
     */
    public record Report(String model, int version, long windowEnd, int windowRecords, Map<String, Double> psi) {}

    /** Watches the manifest's fields and score over windows of {@code windowRecords} records (at least 10). */
    public DriftMonitor(ModelManifest manifest, int windowRecords) {
        if (windowRecords < 10) {
            throw new IllegalArgumentException("a drift window needs at least 10 records, not " + windowRecords);
        }
        this.model = manifest.name();
        this.version = manifest.version();
        this.window = windowRecords;
        for (FieldPath path : manifest.fieldPaths()) {
            FeatureBaseline baseline = manifest.baseline().get(path.text());
            monitored.add(new Monitored(path.text(), path, baseline == null ? null : Binning.of(baseline), window));
        }
        FeatureBaseline scoreBaseline = manifest.baseline().get(SCORE);
        this.score = new Monitored(SCORE, null, scoreBaseline == null ? null : Binning.of(scoreBaseline), window);
    }

    /**
     * Counts one scored record.
     *
     * @param score the prediction's score, or null
     * @return the report of the window this record closes, or null
     */
    public synchronized Report observe(FieldSource fields, Double score) {
        for (Monitored m : monitored) {
            m.add(fields.value(m.path));
        }
        this.score.add(score);
        seen++;
        if (seen % window != 0) {
            return null;
        }
        Map<String, Double> psi = new LinkedHashMap<>();
        for (Monitored m : monitored) {
            m.close(psi);
        }
        this.score.close(psi);
        return new Report(model, version, seen, window, psi);
    }

    /** One feature (or the score): its bins and the current window's counts. */
    private static final class Monitored {
        final String name;
        final FieldPath path;
        Binning binning;
        long[] counts;
        List<Object> learning;

        Monitored(String name, FieldPath path, Binning binning, int window) {
            this.name = name;
            this.path = path;
            this.binning = binning;
            if (binning == null) {
                learning = new ArrayList<>(window);
            } else {
                counts = new long[binning.bins()];
            }
        }

        void add(Object value) {
            if (learning != null) {
                learning.add(value);
            } else {
                counts[binning.bin(value)]++;
            }
        }

        void close(Map<String, Double> psi) {
            if (learning != null) {
                binning = learn(learning);
                learning = null;
                counts = new long[binning.bins()];
                return;
            }
            psi.put(name, Psi.of(binning.reference(), Psi.shares(counts)));
            Arrays.fill(counts, 0);
        }

        private static Binning learn(List<Object> values) {
            boolean numeric = values.stream().allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                double[] sample = values.stream()
                        .filter(v -> v != null)
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .toArray();
                return Binning.learned(sample.length == 0 ? new double[] {0} : sample);
            }
            Map<String, Long> counts = new HashMap<>();
            values.stream().filter(v -> v != null).forEach(v -> counts.merge(v.toString(), 1L, Long::sum));
            Map<String, Double> shares = new LinkedHashMap<>();
            counts.forEach((category, n) -> shares.put(category, n / (double) values.size()));
            return new Binning.Categorical(shares);
        }
    }
}
