/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV row seen by the feature mapping: a field path is a column name; an empty cell reads as missing. */
public final class CsvFieldSource implements FieldSource {
    private final Map<String, Integer> columns;
    private final List<String> cells;

    public CsvFieldSource(Map<String, Integer> columns, List<String> cells) {
        this.columns = columns;
        this.cells = cells;
    }

    public static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim(), i);
        }
        return Map.copyOf(columns);
    }

    @Override
    public Object value(FieldPath path) {
        Integer index = columns.get(path.text());
        if (index == null || index >= cells.size()) {
            return null;
        }
        String cell = cells.get(index);
        return cell.isEmpty() ? null : cell;
    }
}
