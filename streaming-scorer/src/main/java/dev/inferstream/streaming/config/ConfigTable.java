/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * README's configuration tables, rendered from {@link ScorerKeys}: one for the scoring keys (with the route keys),
 * one for request/response serving (with the served-model keys). Each sits in README between
 * {@code <!-- config-table:<name> -->} and {@code <!-- /config-table:<name> -->}.
 */
final class ConfigTable {
    private static final String HEADER = "| key | default | meaning |\n|---|---|---|\n";

    private ConfigTable() {}

    /** The tables by name, as Markdown. */
    static Map<String, String> all() {
        return Map.of(
                ScorerKeys.GROUP_SCORER,
                table(ScorerKeys.GROUP_SCORER, ScorerConfig.ROUTES, ScorerKeys.ROUTE, ScorerKeys.ROUTE_PREFIX + "<r>."),
                ScorerKeys.GROUP_SERVING,
                table(
                        ScorerKeys.GROUP_SERVING,
                        ScorerConfig.SERVING_MODELS,
                        ScorerKeys.SERVED_MODEL,
                        ServingKeys.MODEL_PREFIX + "<m>."));
    }

    /** The group's fixed keys, with the per-name keys of {@code named} right after the key {@code after}. */
    private static String table(String group, String after, ConfigDef named, String prefix) {
        StringBuilder out = new StringBuilder(HEADER);
        for (ConfigKey key : ScorerKeys.SCORER.configKeys().values()) {
            if (key.group.equals(group)) {
                row(out, "", key);
                if (key.name.equals(after)) {
                    named.configKeys().values().forEach(k -> row(out, prefix, k));
                }
            }
        }
        return out.toString();
    }

    static String begin(String table) {
        return "<!-- config-table:" + table + " -->\n";
    }

    static String end(String table) {
        return "<!-- /config-table:" + table + " -->";
    }

    private static void row(StringBuilder out, String prefix, ConfigKey key) {
        out.append("| `")
                .append(prefix)
                .append(key.name)
                .append("` | ")
                .append(shownDefault(key))
                .append(" | ")
                .append(key.documentation)
                .append(" |\n");
    }

    private static String shownDefault(ConfigKey key) {
        if (key.alternativeString != null) {
            return key.alternativeString;
        }
        if (!key.hasDefault()) {
            return "— (required)";
        }
        return key.defaultValue == null ? "—" : "`" + key.defaultValue + "`";
    }
}
