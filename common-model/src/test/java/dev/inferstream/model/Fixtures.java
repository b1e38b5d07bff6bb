/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** Manifests and records for the test models of {@code TestModels}. */
public final class Fixtures {
    private Fixtures() {}

    /** Field names f0..f(n-1). */
    public static List<String> fieldNames(int n) {
        return IntStream.range(0, n).mapToObj(i -> "f" + i).toList();
    }

    /** A manifest for a model with one float input {@code features} fed by f0..f(n-1). */
    public static String numericManifest(String name, int version, int features, String outputs) {
        return TestModels.manifest(name, version, features, outputs);
    }

    public static final String BINARY_OUTPUTS = TestModels.BINARY_OUTPUTS;

    public static ModelArtifact artifact(String name, int version, String manifest, byte[] onnx) {
        return new ModelArtifact(
                new ModelRef(name, version),
                manifest.getBytes(StandardCharsets.UTF_8),
                onnx,
                "test:" + name + "/" + version);
    }

    public static LoadedModel load(String name, int version, String manifest, byte[] onnx) throws ModelLoadException {
        return LoadedModel.load(artifact(name, version, manifest, onnx), InferenceOptions.defaults());
    }

    public static void publish(LocalModelRepository repo, String name, int version, String manifest, byte[] onnx)
            throws IOException {
        repo.publish(new ModelRef(name, version), manifest.getBytes(StandardCharsets.UTF_8), onnx);
    }

    /** {@code count} records of random Gaussian features f0..f(n-1). */
    public static List<FieldSource> randomRows(int count, int features, long seed) {
        Random random = new Random(seed);
        List<FieldSource> rows = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int f = 0; f < features; f++) {
                values.put("f" + f, random.nextGaussian());
            }
            rows.add(new MapFieldSource(values));
        }
        return rows;
    }

    public static float[] floats(FieldSource row, int features) {
        float[] x = new float[features];
        for (int f = 0; f < features; f++) {
            x[f] = ((Number) ((MapFieldSource) row).values().get("f" + f)).floatValue();
        }
        return x;
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
