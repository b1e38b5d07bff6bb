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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one model version's input and score distributions for drift, in tumbling windows of a fixed number of
 * records. Each feature is compared with its training baseline from the manifest; a feature without one, and the
 * score, are compared with the first window after deployment. The comparison is the population stability index
 * (PSI) over fixed bins, so the cost per record is one bin lookup per feature. Thread-safe: callers scoring many
 * records bin them in their own {@link DriftBatch} and merge it with one lock per batch.
 */
public final class DriftMonitor {
    /** Name of the score in {@link Report#psi()}. */
    public static final String SCORE = "score";

    private final String model;
    private final int version;
    private final int window;
    /** The manifest's fields, then the score. */
    private final Monitored[] subjects;

    private final FieldPath[] paths;
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
        List<FieldPath> fields = manifest.fieldPaths();
        this.paths = fields.toArray(FieldPath[]::new);
        this.subjects = new Monitored[paths.length + 1];
        for (int i = 0; i < paths.length; i++) {
            subjects[i] = new Monitored(paths[i].text(), manifest.baseline().get(paths[i].text()), window);
        }
        subjects[paths.length] = new Monitored(SCORE, manifest.baseline().get(SCORE), window);
    }

    /**
     * Counts one scored record.
     *
     * @param score the prediction's score, or null
     * @return the report of the window this record closes, or null
     */
    public synchronized Report observe(FieldSource fields, Double score) {
        for (int i = 0; i < paths.length; i++) {
            subjects[i].add(fields.value(paths[i]));
        }
        subjects[paths.length].add(score);
        return counted();
    }

    /** An empty batch for one caller to bin records into, outside this monitor's lock. */
    public synchronized DriftBatch batch() {
        DriftBatch batch = new DriftBatch(this, paths);
        batch.learned(binnings());
        return batch;
    }

    /**
     * Counts the records of {@code batch} in the order they were added, exactly as {@link #observe} one by one
     * would, and empties the batch.
     *
     * @return the reports of the windows these records close, oldest first (usually none)
     */
    public synchronized List<Report> observe(DriftBatch batch) {
        if (batch.monitor() != this) {
            throw new IllegalArgumentException("this batch was made by another monitor (" + batch.monitor()
                    + "): merge it into the monitor whose batch() made it");
        }
        List<Report> reports = List.of();
        int n = subjects.length;
        int[] bins = batch.bins();
        Object[] raw = batch.raw();
        for (int row = 0, at = 0; row < batch.size(); row++, at += n) {
            for (int i = 0; i < n; i++) {
                if (bins[at + i] != DriftBatch.UNBINNED) {
                    subjects[i].counts[bins[at + i]]++;
                } else {
                    // binned here: the subject was still learning when the record was added
                    subjects[i].add(raw[at + i]);
                }
            }
            Report report = counted();
            if (report != null) {
                if (reports.isEmpty()) {
                    reports = new ArrayList<>(1);
                }
                reports.add(report);
            }
        }
        batch.clear();
        batch.learned(binnings());
        return reports;
    }

    private Report counted() {
        seen++;
        if (seen % window != 0) {
            return null;
        }
        Map<String, Double> psi = new LinkedHashMap<>();
        for (Monitored m : subjects) {
            m.close(psi);
        }
        return new Report(model, version, seen, window, psi);
    }

    /** Each subject's bins, null while it learns them; read under the lock, so a batch may use them without it. */
    private Binning[] binnings() {
        Binning[] binnings = new Binning[subjects.length];
        for (int i = 0; i < subjects.length; i++) {
            binnings[i] = subjects[i].counts == null ? null : subjects[i].binning;
        }
        return binnings;
    }

    @Override
    public String toString() {
        return model + " v" + version;
    }

    /** One feature (or the score): its bins and the current window's counts. */
    private static final class Monitored {
        final String name;
        Binning binning;
        long[] counts;
        LearningSample learning;

        Monitored(String name, FeatureBaseline baseline, int window) {
            this.name = name;
            if (baseline == null) {
                learning = new LearningSample(window);
            } else {
                binning = Binning.of(baseline);
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
                binning = learning.learn();
                learning = null;
                counts = new long[binning.bins()];
                return;
            }
            psi.put(name, Psi.of(binning.reference(), Psi.shares(counts)));
            Arrays.fill(counts, 0);
        }
    }
}
