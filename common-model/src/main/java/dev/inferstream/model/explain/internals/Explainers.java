/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.internals.graph.GraphException;
import dev.inferstream.model.explain.internals.graph.LinearLayer;
import dev.inferstream.model.explain.internals.graph.ModelGraph;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble;
import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.ExplainSpec;
import dev.inferstream.model.manifest.ExplainSpec.Method;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.model.repository.ModelArtifact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a model version's {@link Explainer} from the {@code explain:} section of its manifest, when the version
 * loads: reads and checks the background rows, then takes the first method that fits — interventional TreeSHAP if
 * the explained output comes from one tree ensemble, exact linear attributions if it comes from one linear layer (or
 * the manifest declares the model linear), permutation sampling otherwise. An exact method is only taken once its
 * reading of the graph reproduces ONNX Runtime's outputs on the background rows.
 *
 * <pre>{@code
 * Explainer explainer = Explainers.create(manifest, artifact.onnx(), artifact.attachments(), scorer);
 * }</pre>
 */
public final class Explainers {
    private Explainers() {}

    /**
     * @param scorer scores rows through the loaded model
     * @throws ExplainException when the background is missing or invalid, or the manifest asks for a method the model
     *     does not allow; the message says what to change
     */
    public static Explainer create(
            ModelManifest manifest, byte[] onnx, ModelArtifact.Attachments attachments, ModelScorer scorer)
            throws ExplainException {
        ExplainSpec spec = manifest.explain()
                .orElseThrow(() -> new ExplainException(manifest.name() + "/" + manifest.version()
                        + " has no explain section in model.yaml: declare explain.background (a CSV or Avro file"
                        + " beside the model, or 'baseline')"));
        Target target = Target.of(manifest);
        Players players = new Players(manifest);
        List<FieldSource> background = Background.load(spec, manifest, attachments, players);
        double[][] backgroundOutputs = scorer.outputs(background);
        Method method = spec.method();
        List<String> notExact = new ArrayList<>();
        if (method != Method.SAMPLING) {
            ModelGraph graph = method == Method.LINEAR && spec.linearIn() != null ? null : parse(onnx);
            List<FieldSource> rows = checkRows(manifest, background);
            Checks checks = new Checks(rows, scorer.outputs(rows));
            if (method == Method.AUTO || method == Method.TREE) {
                try {
                    return tree(graph, target, players, background, checks);
                } catch (ExplainException e) {
                    if (method == Method.TREE) {
                        throw new ExplainException("explain.method is tree but " + e.getMessage(), e);
                    }
                    notExact.add("TreeSHAP: " + e.getMessage());
                }
            }
            if (graph != null) {
                try {
                    return linear(graph, target, players, background, checks);
                } catch (ExplainException e) {
                    if (method == Method.LINEAR && spec.linearIn() == null) {
                        throw new ExplainException(
                                "explain.method is linear but " + e.getMessage()
                                        + " (declare explain.linearIn if the model is linear in a margin)",
                                e);
                    }
                    notExact.add("linear: " + e.getMessage());
                }
            }
            if (spec.linearIn() != null) {
                return LinearProbeExplainer.create(players, scorer, target, spec.linearIn(), background);
            }
        }
        String why = notExact.isEmpty() ? "" : " (no exact method applies: " + String.join("; ", notExact) + ")";
        return new PermutationExplainer(
                players, scorer, target, background, backgroundOutputs, spec.samples(), spec.seed(), why);
    }

    private static ModelGraph parse(byte[] onnx) throws ExplainException {
        try {
            return ModelGraph.parse(onnx);
        } catch (GraphException e) {
            throw new ExplainException(e.getMessage(), e);
        }
    }

    private static Explainer tree(
            ModelGraph graph, Target target, Players players, List<FieldSource> background, Checks checks)
            throws ExplainException {
        TreeEnsemble trees = GraphCores.tree(graph, target, players);
        int input = players.inputOf(graph.graphInputBehind(trees.input()).orElseThrow());
        Margin[] margins = margins(
                target,
                checks,
                r -> trees.sums(players.encode(input, r)),
                k -> Margins.forTrees(trees, target, k),
                "tree ensemble");
        return new TreeShapExplainer(trees, players, input, target, margins, slots(players, input, background));
    }

    private static Explainer linear(
            ModelGraph graph, Target target, Players players, List<FieldSource> background, Checks checks)
            throws ExplainException {
        LinearLayer layer = GraphCores.linear(graph, target, players);
        int input = players.inputOf(graph.graphInputBehind(layer.input()).orElseThrow());
        Margin[] margins = margins(
                target,
                checks,
                r -> layer.apply(players.encode(input, r)),
                k -> Margins.forLinear(layer, target, k),
                "linear layer");
        return new LinearExplainer(layer, players, input, target, margins, slots(players, input, background));
    }

    /** Per explained class, the first candidate margin that reproduces the model's outputs on the check rows. */
    private static Margin[] margins(
            Target target, Checks checks, Function<FieldSource, double[]> raw, Candidates candidates, String what)
            throws ExplainException {
        double[][] raws = raw(checks.rows(), raw);
        Margin[] margins = new Margin[target.classes()];
        for (int k : classes(target)) {
            margins[k] = Margins.choose(candidates.forClass(k), raws, checks.outputs(), what);
        }
        return margins;
    }

    /** The margins a class's output may be. */
    @FunctionalInterface
    private interface Candidates {
        List<Margin> forClass(int k) throws ExplainException;
    }

    /** The rows an exact method is checked on, with the model's outputs for them. */
    private record Checks(List<FieldSource> rows, double[][] outputs) {}

    private static int[] classes(Target target) {
        if (target.fixedClass() >= 0) {
            return new int[] {target.fixedClass()};
        }
        int[] all = new int[target.classes()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        return all;
    }

    private static double[][] raw(List<FieldSource> rows, Function<FieldSource, double[]> f) throws ExplainException {
        double[][] out = new double[rows.size()][];
        try {
            for (int r = 0; r < out.length; r++) {
                out[r] = f.apply(rows.get(r));
            }
        } catch (FeatureException e) {
            throw new ExplainException("cannot encode a check row: " + e.getMessage(), e);
        }
        return out;
    }

    private static double[][] slots(Players players, int input, List<FieldSource> rows) {
        return rows.stream().map(r -> players.encode(input, r)).toArray(double[][]::new);
    }

    /**
     * The rows an exact method's reading of the graph is checked on: the background rows and, for a few of them, the
     * same rows with every numeric field moved by ±1, so that even a single background row checks several points.
     */
    static List<FieldSource> checkRows(ModelManifest manifest, List<FieldSource> background) {
        Set<FieldPath> numeric = new HashSet<>();
        for (InputSpec input : manifest.inputs()) {
            if (input.type() != TensorType.STRING && input.type() != TensorType.BOOL) {
                for (FieldSpec field : input.fields()) {
                    if (field.encoding() == FieldSpec.Encoding.VALUE && field.length() == 1) {
                        numeric.add(field.path());
                    }
                }
            }
        }
        List<FieldSource> rows = new ArrayList<>(background);
        for (FieldSource row : background.subList(0, Math.min(4, background.size()))) {
            for (double delta : new double[] {1, -1}) {
                rows.add(path -> numeric.contains(path) ? shifted(row.value(path), delta) : row.value(path));
            }
        }
        return rows;
    }

    private static Object shifted(Object value, double delta) {
        if (value instanceof Number n) {
            return n.doubleValue() + delta;
        }
        if (value instanceof CharSequence text) {
            try {
                return Double.parseDouble(text.toString().trim()) + delta;
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** The margin of the fixed class, or of class 0 when each record's predicted class is explained. */
    static Margin firstMargin(Margin[] margins, Target target) {
        return margins[Math.max(0, target.fixedClass())];
    }

    /** What the margins explain, for summaries. */
    static String describe(Margin[] margins, Target target) {
        Margin first = firstMargin(margins, target);
        return target.fixedClass() >= 0
                ? first.description()
                : first.space().name().toLowerCase().replace('_', '-') + " of each record's predicted class";
    }

    /** The class whose predicted output is highest. */
    static int predictedClass(Margin[] margins, double[] raw) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < margins.length; k++) {
            double p = margins[k].predicted(raw);
            if (p > bestValue) {
                best = k;
                bestValue = p;
            }
        }
        return best;
    }
}
