/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The benchmarked models: a 30-feature logistic regression and a 30-64-32-2 MLP. */
public final class BenchModels {
    static final int FEATURES = 30;

    /** Binary classifier outputs, as every benchmarked model but the pass-through has them. */
    public static final String OUTPUTS = "  - {name: probabilities, kind: probabilities, labels: [no, yes]}\n"
            + "  - {name: label, kind: label, labels: [no, yes]}\n";

    private BenchModels() {}

    public static byte[] onnx(String model) {
        return switch (model) {
            case "lr" -> TestModels.logisticRegression(FEATURES, 42).onnx();
            case "mlp" -> TestModels.mlp(FEATURES, 64, 32, 2, 42);
            case "identity" -> TestModels.identity(FEATURES);
            default -> throw new IllegalArgumentException(model);
        };
    }

    /** The {@code model.yaml} of version 1 of {@code model}: one float input of the 30 fields f0..f29. */
    public static String manifest(String model) {
        return TestModels.manifest(model, 1, FEATURES, OUTPUTS);
    }

    static LoadedModel load(String model) throws ModelLoadException {
        String manifest = manifest(model);
        return LoadedModel.load(
                new ModelArtifact(
                        new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx(model), "benchmark"),
                InferenceOptions.defaults());
    }

    public static float[][] rows(int count) {
        Random random = new Random(1);
        float[][] rows = new float[count][FEATURES];
        for (float[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /** Decoded Avro records, as both engines hand them to the model library. */
    static List<FieldSource> records(int count) {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("BenchEvent").fields().requiredString("id");
        for (int f = 0; f < FEATURES; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        Schema schema = fields.endRecord();
        List<FieldSource> records = new ArrayList<>(count);
        int i = 0;
        for (float[] row : rows(count)) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("id", "e" + i++);
            for (int f = 0; f < FEATURES; f++) {
                record.put("f" + f, (double) row[f]);
            }
            records.add(new AvroFieldSource(record));
        }
        return records;
    }
}
