/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The console tests' models: logistic regressions over four fields with a baseline and explanations. */
public final class ConsoleModels {
    public static final int FEATURES = 4;

    private ConsoleModels() {}

    /** model.yaml of {@code name} version {@code version}: fields f0..f3, baseline N(0,1), explained exactly. */
    public static String manifest(String name, int version) {
        StringBuilder baseline = new StringBuilder("baseline:\n");
        for (int f = 0; f < FEATURES; f++) {
            baseline.append("  f").append(f).append(": {mean: 0.").append(f).append(", stddev: 1.0}\n");
        }
        return TestModels.manifest(name, version, FEATURES, TestModels.BINARY_OUTPUTS)
                + "description: fraud score v" + version + "\n"
                + baseline
                + "explain:\n  background: baseline\n";
    }

    public static byte[] onnx(int version) {
        return TestModels.logisticRegression(FEATURES, version).onnx();
    }

    public static void publish(LocalModelRepository repository, String name, int version) throws IOException {
        repository.publish(
                new ModelRef(name, version), manifest(name, version).getBytes(StandardCharsets.UTF_8), onnx(version));
    }
}
