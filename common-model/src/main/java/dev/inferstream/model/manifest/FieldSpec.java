/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one record field fills part of an input tensor's last dimension.
 *
 * @param defaultValue used when the field is missing or null (a number, or a string for categorical and string
 *     fields); null means such a record is an error
 * @param length how many values a numeric field holds: 1 for a scalar, more for an array field (a vector)
 * @param vocabulary the categories of a categorical field, in index order; empty for numeric fields
 */
public record FieldSpec(
        FieldPath path,
        Object defaultValue,
        int length,
        List<String> vocabulary,
        Encoding encoding,
        UnknownCategory onUnknown) {

    /** How a field becomes numbers. */
    public enum Encoding {
        /** The value itself (numbers, booleans as 0/1, strings for string tensors). */
        VALUE,
        /** The category's position in the vocabulary. */
        INDEX,
        /** One slot per category: 1 at the category's position, 0 elsewhere. */
        ONEHOT
    }

    /** What to do with a category not in the vocabulary. */
    public enum UnknownCategory {
        /** Reject the record. */
        ERROR,
        /** Encode as the index {@code -1} (INDEX) or all zeros (ONEHOT). */
        IGNORE
    }

    public FieldSpec {
        vocabulary = List.copyOf(vocabulary);
    }

    /** Slots of the tensor's last dimension this field fills. */
    public int width() {
        return encoding == Encoding.ONEHOT ? vocabulary.size() : length;
    }

    /** Index of each category, for the feature encoder. */
    public Map<String, Integer> vocabularyIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        return Map.copyOf(index);
    }
}
