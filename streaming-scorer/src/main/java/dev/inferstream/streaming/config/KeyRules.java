/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import dev.inferstream.model.envelope.Explanations;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validators of the scorer's keys. Each message starts with the key and says what is allowed and what was
 * given, so the start-up report can list it as it is.
 */
final class KeyRules {
    private KeyRules() {}

    /** A whole number from {@code min} to {@code max}. */
    static Validator between(long min, long max) {
        return rule(
                value -> {
                    long n = ((Number) value).longValue();
                    return n >= min && n <= max;
                },
                "must be between " + min + " and " + max);
    }

    /** A whole number of at least 1. */
    static Validator positive() {
        return rule(value -> ((Number) value).longValue() >= 1, "must be positive");
    }

    /** 0 (the feature is off) or at least {@code min}. */
    static Validator offOrAtLeast(int min) {
        return rule(
                value -> {
                    int n = (Integer) value;
                    return n == 0 || n >= min;
                },
                "must be 0 (off) or at least " + min);
    }

    /** A finite number above 0. */
    static Validator positiveNumber() {
        return rule(
                value -> {
                    double d = (Double) value;
                    return d > 0 && !Double.isInfinite(d);
                },
                "must be a positive number");
    }

    /** {@code latest} or a published version's number. */
    static Validator version() {
        return rule(
                value -> value == null
                        || value.equals("latest")
                        || value.toString().matches("[1-9][0-9]*"),
                "must be a positive version number or 'latest'");
    }

    /** {@code off}, {@code all} or {@code top-<k>}. */
    static Validator explain() {
        return (name, value) -> {
            try {
                Explanations.topK((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + " " + e.getMessage());
            }
        };
    }

    private static Validator rule(Predicate<Object> valid, String requirement) {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && !valid.test(value)) {
                    String given = value instanceof String ? "'" + value + "'" : value.toString();
                    throw new ConfigException(name + " " + requirement + ", not " + given);
                }
            }

            @Override
            public String toString() {
                return requirement;
            }
        };
    }
}
