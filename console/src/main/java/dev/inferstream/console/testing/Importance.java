/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global importance of one version over an uploaded file: each field's mean |attribution| over the first
 * {@link #SAMPLE} rows it explained, the ranking the batch scorer's backtest report gives too.
 */
public final class Importance {
    /** Rows explained per upload and version: enough for a stable ranking, cheap next to scoring the file. */
    public static final int SAMPLE = 256;

    /** One field's mean |attribution|. */
    public record Field(String name, double meanAbsAttribution) {}

    private final int version;
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private String method;
    private String target;
    private int explained;
    private int failed;

    Importance(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    synchronized boolean wantsMore() {
        return explained + failed < SAMPLE;
    }

    synchronized void add(Explanation e) {
        for (FieldAttribution a : e.attributions()) {
            sums.merge(a.field(), Math.abs(a.value()), Double::sum);
        }
        method = e.method().toString();
        target = e.target();
        explained++;
    }

    synchronized void failed() {
        failed++;
    }

    public synchronized int explained() {
        return explained;
    }

    public synchronized int failedRows() {
        return failed;
    }

    /** How the attributions were computed and which output they explain, e.g. "EXACT_LINEAR, fraud probability". */
    public synchronized String method() {
        return method == null ? "" : method + (target == null ? "" : ", " + target);
    }

    /** Fields by mean |attribution|, largest first. */
    public synchronized List<Field> ranked() {
        List<Field> fields = new ArrayList<>();
        if (explained == 0) {
            return fields;
        }
        sums.forEach((name, sum) -> fields.add(new Field(name, sum / explained)));
        fields.sort(Comparator.comparingDouble((Field f) -> -f.meanAbsAttribution()));
        return fields;
    }

    /** The largest mean |attribution|, for scaling bars; 0 when nothing was explained. */
    public synchronized double largest() {
        return ranked().stream().mapToDouble(Field::meanAbsAttribution).max().orElse(0);
    }
}
