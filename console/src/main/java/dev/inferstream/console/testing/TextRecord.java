/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.ModelManifest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record typed in a form or read from a CSV row: every field's value as text, keyed by its path as the manifest
 * writes it ({@code customer.age}). Numbers are parsed by the model library's feature encoder, exactly as for a
 * CSV file in the batch scorer; array fields are written {@code 1,2,3}.
 */
public final class TextRecord implements FieldSource {
    private final Map<String, String> values;
    private final Set<String> arrays;

    private TextRecord(Map<String, String> values, Set<String> arrays) {
        this.values = values;
        this.arrays = arrays;
    }

    public static TextRecord of(ModelManifest manifest, Map<String, String> values) {
        return new TextRecord(Map.copyOf(values), arrayFields(manifest));
    }

    /** The paths of fields that hold several numbers (their value is written 1,2,3). */
    public static Set<String> arrayFields(ModelManifest manifest) {
        Map<String, Boolean> arrays = new HashMap<>();
        manifest.inputs().forEach(i -> {
            for (FieldSpec f : i.fields()) {
                if (f.length() > 1 && f.encoding() == FieldSpec.Encoding.VALUE) {
                    arrays.put(f.path().text(), true);
                }
            }
        });
        return Set.copyOf(arrays.keySet());
    }

    @Override
    public Object value(FieldPath path) {
        String text = values.get(path.text());
        if (text == null || text.isBlank()) {
            return null;
        }
        if (arrays.contains(path.text())) {
            return Arrays.stream(text.split(",")).map(String::trim).toList();
        }
        return text;
    }
}
