/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A version's global importance over the rows it explained: each field's mean |attribution|, in the version's
 * explanation space. Tallies of all tasks add up.
 */
public final class Importance implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Double> absoluteSums = new LinkedHashMap<>();
    private long rows;
    private String space;
    private String method;

    void add(Explanation explanation) {
        rows++;
        space = explanation.space().name();
        method = explanation.method().name();
        for (FieldAttribution a : explanation.attributions()) {
            absoluteSums.merge(a.field(), Math.abs(a.value()), Double::sum);
        }
    }

    Importance merge(Importance other) {
        rows += other.rows;
        other.absoluteSums.forEach((field, sum) -> absoluteSums.merge(field, sum, Double::sum));
        space = space != null ? space : other.space;
        method = method != null ? method : other.method;
        return this;
    }

    public long rows() {
        return rows;
    }

    /** The explanation space, e.g. {@code LOG_ODDS}; null when no row was explained. */
    public String space() {
        return space;
    }

    public String method() {
        return method;
    }

    /** Field → mean |attribution|, largest first. */
    public Map<String, Double> meanAbsolute() {
        Map<String, Double> out = new LinkedHashMap<>();
        absoluteSums.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> out.put(e.getKey(), e.getValue() / rows));
        return out;
    }
}
