/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks values against a {@link ConfigDef} the way the start-up report needs: every problem is added to a list
 * (where {@link AbstractConfig} stops at the first), blank values count as unset, and a value that fails is read as
 * its default so that the checks after it still run.
 */
final class KeyCheck {
    private KeyCheck() {}

    /**
     * The typed values of {@code def}'s keys in {@code values} (keys named {@code prefix + name}), every problem added
     * to {@code problems}; a missing required key is reported with {@code required.apply(key)}.
     */
    static AbstractConfig check(
            ConfigDef def,
            String prefix,
            Map<String, String> values,
            UnaryOperator<String> required,
            List<String> problems) {
        Map<String, Object> usable = new HashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            String full = prefix + key.name;
            String raw = values.get(full);
            if (raw == null || raw.isBlank()) {
                if (!key.hasDefault()) {
                    problems.add(required.apply(full));
                    usable.put(key.name, ""); // never read: the report lists the problem
                }
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(full, raw.trim(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(full, parsed);
                }
                usable.put(key.name, raw.trim());
            } catch (ConfigException e) {
                problems.add(typeProblem(full, raw.trim(), key.type).orElse(e.getMessage()));
                if (!key.hasDefault()) {
                    usable.put(key.name, "");
                }
            }
        }
        return new AbstractConfig(def, usable, false);
    }

    private static Optional<String> typeProblem(String key, String raw, Type type) {
        try {
            ConfigDef.parseType(key, raw, type);
            return Optional.empty();
        } catch (ConfigException e) {
            String unit = key.endsWith(".ms") ? " of milliseconds" : "";
            return Optional.of(
                    switch (type) {
                        case INT, LONG, SHORT -> key + " must be a whole number" + unit + ", not '" + raw + "'";
                        case DOUBLE -> key + " must be a number, not '" + raw + "'";
                        case BOOLEAN -> key + " must be true or false, not '" + raw + "'";
                        default -> e.getMessage();
                    });
        }
    }
}
