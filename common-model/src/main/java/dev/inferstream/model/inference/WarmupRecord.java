/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.ModelManifest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A synthetic record every field of which is valid: its default, its first category, or zero. */
final class WarmupRecord implements FieldSource {
    private final Map<FieldPath, Object> values = new HashMap<>();

    WarmupRecord(ModelManifest manifest) {
        manifest.inputs().forEach(input -> input.fields().forEach(field -> values.put(field.path(), sample(field))));
    }

    @Override
    public Object value(FieldPath path) {
        return values.get(path);
    }

    private static Object sample(FieldSpec field) {
        if (field.defaultValue() != null) {
            return field.defaultValue();
        }
        if (!field.vocabulary().isEmpty()) {
            return field.vocabulary().get(0);
        }
        return field.length() > 1 ? Collections.nCopies(field.length(), 0.0) : (Object) 0.0;
    }
}
