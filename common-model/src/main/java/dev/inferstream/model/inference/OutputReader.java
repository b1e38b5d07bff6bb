/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputKind;
import dev.inferstream.model.manifest.OutputSpec;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns the outputs of one inference call into a {@link ScoreResult} per row, as the manifest describes them. */
final class OutputReader {
    private final OutputSpec probabilities;
    private final OutputSpec label;
    private final OutputSpec score;
    private final List<OutputSpec> tensors;
    private final Set<String> requested;
    private final int positiveIndex;

    OutputReader(ModelManifest manifest) {
        this.probabilities = find(manifest, OutputKind.PROBABILITIES);
        this.label = find(manifest, OutputKind.LABEL);
        this.score = find(manifest, OutputKind.SCORE);
        this.tensors = manifest.outputs().stream()
                .filter(o -> o.kind() == OutputKind.TENSOR)
                .toList();
        this.requested = manifest.outputs().stream().map(OutputSpec::tensor).collect(Collectors.toUnmodifiableSet());
        this.positiveIndex = probabilities == null
                ? -1
                : probabilities.positive() != null
                        ? probabilities.labels().indexOf(probabilities.positive())
                        : probabilities.labels().size() == 2 ? 1 : -1;
    }

    /** The graph outputs worth computing: only those the manifest declares. */
    Set<String> requestedOutputs() {
        return requested;
    }

    ScoreResult[] read(OrtSession.Result result, int rows) throws OrtException {
        double[][] probs = probabilities == null ? null : probabilities(value(result, probabilities), rows);
        String[] labels = label == null ? null : labels(value(result, label), rows);
        double[] scores = score == null ? null : scores(value(result, score), rows);
        List<double[][]> raw = new ArrayList<>(tensors.size());
        for (OutputSpec t : tensors) {
            raw.add(rowsOf((OnnxTensor) value(result, t), rows));
        }
        ScoreResult[] out = new ScoreResult[rows];
        List<String> classes = probabilities == null ? List.of() : probabilities.labels();
        for (int r = 0; r < rows; r++) {
            double[] p = probs == null ? null : probs[r];
            Double s = scores != null
                    ? Double.valueOf(scores[r])
                    : p == null ? null : Double.valueOf(positiveIndex >= 0 ? p[positiveIndex] : p[argmax(p)]);
            String l = labels != null ? labels[r] : p == null ? null : classes.get(argmax(p));
            Map<String, double[]> t = tensors.isEmpty() ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < tensors.size(); i++) {
                t.put(tensors.get(i).tensor(), raw.get(i)[r]);
            }
            out[r] = new ScoreResult(s, l, classes, p == null ? new double[0] : p, t);
        }
        return out;
    }

    private double[][] probabilities(OnnxValue value, int rows) throws OrtException {
        if (value instanceof OnnxTensor tensor) {
            return rowsOf(tensor, rows);
        }
        List<? extends OnnxValue> maps = ((OnnxSequence) value).getValue();
        List<String> classes = probabilities.labels();
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            Map<?, ?> map = ((OnnxMap) maps.get(r)).getValue();
            List<Object> sortedKeys = new ArrayList<>(new TreeMap<>(map).keySet());
            double[] p = new double[classes.size()];
            for (int c = 0; c < classes.size(); c++) {
                Object v = lookup(map, classes.get(c));
                if (v == null && c < sortedKeys.size()) {
                    v = map.get(sortedKeys.get(c));
                }
                p[c] = v == null ? 0 : ((Number) v).doubleValue();
            }
            out[r] = p;
        }
        return out;
    }

    private static Object lookup(Map<?, ?> map, String label) {
        Object v = map.get(label);
        if (v == null && label.matches("-?\\d+")) {
            v = map.get(Long.parseLong(label));
        }
        return v;
    }

    private String[] labels(OnnxValue value, int rows) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) value;
        String[] out = new String[rows];
        List<String> names = label.labels();
        switch (tensor.getInfo().type) {
            case STRING -> {
                Object v = tensor.getValue();
                for (int r = 0; r < rows; r++) {
                    out[r] = v instanceof String[][] nested ? nested[r][0] : ((String[]) v)[r];
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int r = 0; r < rows; r++) {
                    out[r] = className(names, b.get(r));
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int r = 0; r < rows; r++) {
                    out[r] = className(names, b.get(r));
                }
            }
            default -> throw new IllegalStateException("label output has type " + tensor.getInfo().type);
        }
        return out;
    }

    /** An integer label is the class index into the manifest's labels when it has them. */
    private static String className(List<String> names, long index) {
        return index >= 0 && index < names.size() ? names.get((int) index) : Long.toString(index);
    }

    private static double[] scores(OnnxValue value, int rows) {
        double[][] perRow = rowsOf((OnnxTensor) value, rows);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = perRow[r][0];
        }
        return out;
    }

    /** Splits a numeric tensor {@code [rows, ...]} into one flat double array per row. */
    private static double[][] rowsOf(OnnxTensor tensor, int rows) {
        long elements = tensor.getInfo().getNumElements();
        int perRow = (int) (elements / rows);
        double[][] out = new double[rows][perRow];
        switch (tensor.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < perRow; i++) {
                        out[r][i] = b.get(r * perRow + i);
                    }
                }
            }
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                for (int r = 0; r < rows; r++) {
                    b.position(r * perRow);
                    b.get(out[r]);
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < perRow; i++) {
                        out[r][i] = b.get(r * perRow + i);
                    }
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < perRow; i++) {
                        out[r][i] = b.get(r * perRow + i);
                    }
                }
            }
            default -> throw new IllegalStateException("numeric output expected, got " + tensor.getInfo().type);
        }
        return out;
    }

    private static OnnxValue value(OrtSession.Result result, OutputSpec spec) {
        return result.get(spec.tensor())
                .orElseThrow(
                        () -> new IllegalStateException("ONNX Runtime returned no output '" + spec.tensor() + "'"));
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static OutputSpec find(ModelManifest manifest, OutputKind kind) {
        return manifest.outputs().stream()
                .filter(o -> o.kind() == kind)
                .findFirst()
                .orElse(null);
    }
}
