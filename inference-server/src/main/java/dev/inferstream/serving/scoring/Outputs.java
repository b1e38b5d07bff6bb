/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputKind;
import dev.inferstream.model.manifest.OutputSpec;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.RequestedOutput;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import dev.inferstream.serving.oip.TensorMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of a response, read from the {@code Prediction} envelopes of its rows: each output the manifest
 * declares (probabilities FP64 {@code [N, classes]}, label BYTES {@code [N]}, score FP64 {@code [N]}, tensor FP64
 * {@code [N, k]}), then {@code score} and {@code label} as the envelope defines them, unless the model has an output
 * of that name already.
 */
final class Outputs {
    static final String SCORE = "score";
    static final String LABEL = "label";

    private Outputs() {}

    /** What the model's responses hold, for model metadata. */
    static List<TensorMetadata> metadata(ModelManifest manifest) {
        List<TensorMetadata> out = new ArrayList<>();
        boolean hasScore = false;
        boolean hasLabel = false;
        for (OutputSpec o : manifest.outputs()) {
            out.add(
                    switch (o.kind()) {
                        case PROBABILITIES ->
                            new TensorMetadata(o.tensor(), DataType.FP64, List.of(-1L, (long)
                                    o.labels().size()));
                        case LABEL -> new TensorMetadata(o.tensor(), DataType.BYTES, List.of(-1L));
                        case SCORE -> new TensorMetadata(o.tensor(), DataType.FP64, List.of(-1L));
                        case TENSOR -> new TensorMetadata(o.tensor(), DataType.FP64, List.of(-1L, -1L));
                    });
            hasScore |= o.kind() == OutputKind.SCORE || o.kind() == OutputKind.PROBABILITIES;
            hasLabel |= o.kind() == OutputKind.LABEL || o.kind() == OutputKind.PROBABILITIES;
        }
        if (hasScore && !declares(manifest, SCORE)) {
            out.add(new TensorMetadata(SCORE, DataType.FP64, List.of(-1L)));
        }
        if (hasLabel && !declares(manifest, LABEL)) {
            out.add(new TensorMetadata(LABEL, DataType.BYTES, List.of(-1L)));
        }
        return out;
    }

    /** Refuses outputs the model does not have, before anything is scored. */
    static void check(List<RequestedOutput> requested, ModelManifest manifest) {
        List<String> names =
                metadata(manifest).stream().map(TensorMetadata::name).toList();
        for (RequestedOutput r : requested) {
            if (!names.contains(r.name())) {
                throw ServingException.invalid("unknown output '" + r.name() + "'; the model's outputs are " + names);
            }
        }
    }

    /** The output tensors of {@code rows}, filtered to {@code requested} (all when empty). */
    static List<Tensor> of(ModelManifest manifest, List<Prediction> rows, List<RequestedOutput> requested) {
        List<Tensor> out = new ArrayList<>();
        for (OutputSpec o : manifest.outputs()) {
            if (!wanted(o.tensor(), requested)) {
                continue;
            }
            switch (o.kind()) {
                case PROBABILITIES -> out.add(probabilities(o.tensor(), rows));
                case LABEL -> out.add(labels(o.tensor(), rows));
                case SCORE -> out.add(scores(o.tensor(), rows));
                case TENSOR -> out.add(tensor(o.tensor(), rows));
            }
        }
        if (wanted(SCORE, requested)
                && !declares(manifest, SCORE)
                && rows.stream().allMatch(p -> p.getScore() != null)) {
            out.add(scores(SCORE, rows));
        }
        if (wanted(LABEL, requested)
                && !declares(manifest, LABEL)
                && rows.stream().allMatch(p -> p.getLabel() != null)) {
            out.add(labels(LABEL, rows));
        }
        return out;
    }

    private static Tensor probabilities(String name, List<Prediction> rows) {
        int classes = rows.get(0).getProbabilities().size();
        double[] values = new double[rows.size() * classes];
        for (int r = 0; r < rows.size(); r++) {
            List<ClassProbability> p = rows.get(r).getProbabilities();
            for (int c = 0; c < classes; c++) {
                values[r * classes + c] = p.get(c).getProbability();
            }
        }
        return Tensor.fp64(name, new long[] {rows.size(), classes}, values);
    }

    private static Tensor labels(String name, List<Prediction> rows) {
        String[] labels = new String[rows.size()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = rows.get(r).getLabel() == null ? "" : rows.get(r).getLabel();
        }
        return Tensor.strings(name, new long[] {labels.length}, labels);
    }

    private static Tensor scores(String name, List<Prediction> rows) {
        double[] scores = new double[rows.size()];
        for (int r = 0; r < scores.length; r++) {
            Double s = rows.get(r).getScore();
            scores[r] = s == null ? Double.NaN : s;
        }
        return Tensor.fp64(name, new long[] {scores.length}, scores);
    }

    private static Tensor tensor(String name, List<Prediction> rows) {
        List<List<Double>> perRow = new ArrayList<>(rows.size());
        for (Prediction p : rows) {
            perRow.add(p.getTensors().stream()
                    .filter(t -> t.getName().equals(name))
                    .findFirst()
                    .map(dev.inferstream.schemas.Tensor::getValues)
                    .orElse(List.of()));
        }
        int width = perRow.get(0).size();
        double[] values = new double[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < width; i++) {
                values[r * width + i] = perRow.get(r).get(i);
            }
        }
        return Tensor.fp64(name, new long[] {rows.size(), width}, values);
    }

    private static boolean wanted(String name, List<RequestedOutput> requested) {
        return requested.isEmpty() || requested.stream().anyMatch(r -> r.name().equals(name));
    }

    private static boolean declares(ModelManifest manifest, String name) {
        return manifest.outputs().stream().anyMatch(o -> o.tensor().equals(name));
    }
}
