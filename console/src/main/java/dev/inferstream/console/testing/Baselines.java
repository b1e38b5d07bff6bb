/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.model.manifest.FeatureBaseline;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.ModelManifest;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Field values from a manifest's baseline: the typical value of each field (the mean, the most frequent category)
 * to pre-fill the prediction form, and random records drawn like the training data for load tests.
 */
public final class Baselines {
    private Baselines() {}

    /** Each field's typical value as text, in manifest order; empty text when the baseline says nothing. */
    public static Map<String, String> typical(ModelManifest manifest) {
        Map<String, String> values = new LinkedHashMap<>();
        manifest.inputs().forEach(input -> {
            for (FieldSpec field : input.fields()) {
                values.putIfAbsent(
                        field.path().text(),
                        typical(field, manifest.baseline().get(field.path().text())));
            }
        });
        return values;
    }

    /** A random record drawn from the baseline (normal around the mean; categories by frequency). */
    public static Map<String, String> draw(ModelManifest manifest, Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        manifest.inputs().forEach(input -> {
            for (FieldSpec field : input.fields()) {
                values.putIfAbsent(
                        field.path().text(),
                        draw(field, manifest.baseline().get(field.path().text()), random));
            }
        });
        return values;
    }

    private static String typical(FieldSpec field, FeatureBaseline b) {
        if (b != null && !b.categories().isEmpty()) {
            return b.categories().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse("");
        }
        if (!field.vocabulary().isEmpty()) {
            return field.vocabulary().get(0);
        }
        double mean = b != null && b.mean() != null ? b.mean() : 0.0;
        return repeat(number(mean), field);
    }

    private static String draw(FieldSpec field, FeatureBaseline b, Random random) {
        if (b != null && !b.categories().isEmpty()) {
            double r = random.nextDouble()
                    * b.categories().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum();
            List<Map.Entry<String, Double>> entries = b.categories().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .toList();
            for (Map.Entry<String, Double> e : entries) {
                r -= e.getValue();
                if (r <= 0) {
                    return e.getKey();
                }
            }
            return entries.get(entries.size() - 1).getKey();
        }
        if (!field.vocabulary().isEmpty()) {
            return field.vocabulary().get(random.nextInt(field.vocabulary().size()));
        }
        double mean = b != null && b.mean() != null ? b.mean() : 0.0;
        double sd = b != null && b.stddev() != null ? b.stddev() : 1.0;
        return repeat(number(mean + sd * random.nextGaussian()), field);
    }

    private static String repeat(String value, FieldSpec field) {
        if (field.length() <= 1 || field.encoding() != FieldSpec.Encoding.VALUE) {
            return value;
        }
        return String.join(",", Collections.nCopies(field.length(), value));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
