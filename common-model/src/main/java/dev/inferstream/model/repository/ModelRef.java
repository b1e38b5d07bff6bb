/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import java.util.regex.Pattern;

/** A model version: {@code fraud/3}. */
public record ModelRef(String name, int version) implements Comparable<ModelRef> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelRef {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name + "' must start with a letter or digit and use "
                    + "only letters, digits, '.', '_' and '-'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("model version must be a positive integer, not " + version);
        }
    }

    /** Parses {@code name/version}. */
    public static ModelRef parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a model reference: write name/version, e.g. fraud/3");
        }
        try {
            return new ModelRef(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a model reference: the version must be a number");
        }
    }

    @Override
    public int compareTo(ModelRef other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : Integer.compare(version, other.version);
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
