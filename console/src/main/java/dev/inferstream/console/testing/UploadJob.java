/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One uploaded file being scored by one or two versions: progress while it runs, then what each version did, how
 * they agree, a sample of rows for the table and the scored file for download.
 */
public final class UploadJob {
    /** A row as the table shows it: its number, the label column's value, and each version's score and label. */
    public record Row(long row, String actual, List<Double> scores, List<String> labels) {}

    static final int TABLE_ROWS = 1_000;
    static final int SCATTER_POINTS = 2_000;

    private final String id;
    private final String model;
    private final List<Integer> versions;
    private final String fileName;
    private final String labelColumn;
    private final long bytes;
    private final Path scoredFile;
    private final List<VersionTally> tallies = new ArrayList<>();
    private final List<Importance> importance = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<double[]> scatter = new ArrayList<>();
    private volatile long rowsRead;
    private volatile long bytesRead;
    private volatile String state = "running";
    private volatile String error;
    private long compared;
    private long agreed;

    UploadJob(
            String id,
            String model,
            List<Integer> versions,
            String fileName,
            String labelColumn,
            long bytes,
            Path scoredFile,
            List<String> positives) {
        this.id = id;
        this.model = model;
        this.versions = List.copyOf(versions);
        this.fileName = fileName;
        this.labelColumn = labelColumn;
        this.bytes = bytes;
        this.scoredFile = scoredFile;
        for (int i = 0; i < versions.size(); i++) {
            tallies.add(new VersionTally(versions.get(i), positives.get(i)));
            importance.add(new Importance(versions.get(i)));
        }
    }

    synchronized void row(long row, String actual, List<Double> scores, List<String> labels) {
        if (rows.size() < TABLE_ROWS) {
            rows.add(new Row(row, actual, List.copyOf(scores), List.copyOf(labels)));
        }
        if (versions.size() == 2 && labels.get(0) != null && labels.get(1) != null) {
            compared++;
            if (labels.get(0).equals(labels.get(1))) {
                agreed++;
            }
        }
        if (versions.size() == 2 && scores.get(0) != null && scores.get(1) != null && scatter.size() < SCATTER_POINTS) {
            scatter.add(new double[] {scores.get(0), scores.get(1)});
        }
        rowsRead = row + 1;
    }

    void progress(long bytesRead) {
        this.bytesRead = bytesRead;
    }

    void done() {
        state = "done";
    }

    void failed(String message) {
        error = message;
        state = "failed";
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    public List<Integer> versions() {
        return versions;
    }

    public String fileName() {
        return fileName;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public String state() {
        return state;
    }

    public boolean running() {
        return state.equals("running");
    }

    public String error() {
        return error;
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** Share of the file read so far, 0-100. */
    public int percent() {
        return state.equals("done") ? 100 : bytes == 0 ? 0 : (int) Math.min(99, 100 * bytesRead / bytes);
    }

    public synchronized List<VersionTally> tallies() {
        return List.copyOf(tallies);
    }

    VersionTally tally(int index) {
        return tallies.get(index);
    }

    Importance importance(int index) {
        return importance.get(index);
    }

    /** Each version's global importance, for the versions that explained at least one row. */
    public List<Importance> importance() {
        return importance.stream().filter(i -> i.explained() > 0).toList();
    }

    public synchronized List<Row> rows(int from, int count) {
        return List.copyOf(rows.subList(Math.min(from, rows.size()), Math.min(from + count, rows.size())));
    }

    public synchronized int tableRows() {
        return rows.size();
    }

    public synchronized List<double[]> scatter() {
        return List.copyOf(scatter);
    }

    /** Share of rows both versions labelled the same, null with one version. */
    public synchronized Double agreement() {
        return compared == 0 ? null : agreed / (double) compared;
    }

    public Path scoredFile() {
        return scoredFile;
    }
}
