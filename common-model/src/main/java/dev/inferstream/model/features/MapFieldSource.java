/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;
import java.util.Map;

/** Reads fields from (nested) maps, e.g. parsed JSON or a CSV row keyed by column name. */
public record MapFieldSource(Map<String, ?> values) implements FieldSource {

    @Override
    public Object value(FieldPath path) {
        Object current = values;
        for (String segment : path.segments()) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }
}
