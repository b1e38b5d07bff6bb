/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Models with an explain section, background files, and the brute-force Shapley values the explainers must match. */
final class ExplainFixtures {
    static final String BINARY = """
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
            """;
    static final String ZIPMAP = """
              - {name: output_probability, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
            """;
    static final String REGRESSION = "  - {name: variable, kind: score}\n";

    private ExplainFixtures() {}

    /** A manifest over float fields f0..f(n-1) with {@code explain} lines appended (each indented by two). */
    static String manifest(int features, String outputs, String... explain) {
        StringBuilder yaml =
                new StringBuilder(dev.inferstream.testkit.onnx.TestModels.manifest("m", 1, features, outputs));
        yaml.append("explain:\n");
        for (String line : explain) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    static LoadedModel load(String manifest, byte[] onnx, Map<String, byte[]> files) throws ModelLoadException {
        return LoadedModel.load(
                new ModelArtifact(
                        new ModelRef("m", 1), manifest.getBytes(StandardCharsets.UTF_8), onnx, "test:m/1", name -> {
                            byte[] file = files.get(name);
                            if (file == null) {
                                throw new java.io.FileNotFoundException(name);
                            }
                            return file;
                        }),
                InferenceOptions.defaults());
    }

    /** Loads a model whose manifest reads {@code background.csv}, made of {@code background}. */
    static LoadedModel loadWithBackground(
            int features, String outputs, byte[] onnx, List<FieldSource> background, String... explain)
            throws ModelLoadException {
        String[] lines = new String[explain.length + 1];
        lines[0] = "background: background.csv";
        System.arraycopy(explain, 0, lines, 1, explain.length);
        return load(manifest(features, outputs, lines), onnx, Map.of("background.csv", csv(background, features)));
    }

    /** Records with Gaussian fields f0..f(n-1). */
    static List<FieldSource> rows(int count, int features, long seed) {
        Random random = new Random(seed);
        List<FieldSource> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            double[] values = new double[features];
            for (int f = 0; f < features; f++) {
                values[f] = random.nextGaussian();
            }
            rows.add(row(values));
        }
        return rows;
    }

    static FieldSource row(double... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int f = 0; f < values.length; f++) {
            map.put("f" + f, values[f]);
        }
        return new MapFieldSource(map);
    }

    static byte[] csv(List<FieldSource> rows, int features) {
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < features; f++) {
            csv.append(f == 0 ? "" : ",").append('f').append(f);
        }
        csv.append('\n');
        for (FieldSource row : rows) {
            for (int f = 0; f < features; f++) {
                csv.append(f == 0 ? "" : ",").append(row.value(FieldPath.parse("f" + f)));
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Explainer explainer(LoadedModel model) {
        return model.explainer().orElseThrow();
    }

    /** The positive-class probability, or the score, of a row scored through the model. */
    static double[] outputs(LoadedModel model, FieldSource row) {
        ScoreResult r = ((Outcome.Scored) model.score(row)).result();
        return r.probabilities().length > 0 ? r.probabilities() : new double[] {r.score()};
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * Exact interventional Shapley values by enumerating every coalition of fields: {@code v(S)} is the mean over the
     * background of {@code value(model(x on S, z elsewhere))}, each row scored through ONNX Runtime.
     */
    static double[] bruteForce(
            LoadedModel model,
            FieldSource x,
            List<FieldSource> background,
            List<String> fields,
            ToDoubleFunction<double[]> value) {
        int p = fields.size();
        List<FieldPath> paths = fields.stream().map(FieldPath::parse).toList();
        List<FieldSource> rows = new ArrayList<>();
        for (int mask = 0; mask < 1 << p; mask++) {
            for (FieldSource z : background) {
                int m = mask;
                rows.add(path -> {
                    int i = paths.indexOf(path);
                    return i >= 0 && (m & (1 << i)) != 0 ? x.value(path) : z.value(path);
                });
            }
        }
        List<Outcome> scored = model.score(rows);
        double[] v = new double[1 << p];
        for (int i = 0; i < scored.size(); i++) {
            ScoreResult r = ((Outcome.Scored) scored.get(i)).result();
            double[] out = r.probabilities().length > 0 ? r.probabilities() : new double[] {r.score()};
            v[i / background.size()] += value.applyAsDouble(out) / background.size();
        }
        double[] factorial = new double[p + 1];
        factorial[0] = 1;
        for (int i = 1; i <= p; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        double[] phi = new double[p];
        for (int i = 0; i < p; i++) {
            for (int mask = 0; mask < 1 << p; mask++) {
                if ((mask & (1 << i)) == 0) {
                    int s = Integer.bitCount(mask);
                    double weight = factorial[s] * factorial[p - s - 1] / factorial[p];
                    phi[i] += weight * (v[mask | (1 << i)] - v[mask]);
                }
            }
        }
        return phi;
    }

    static double[] values(Explanation explanation) {
        return explanation.attributions().stream()
                .mapToDouble(FieldAttribution::value)
                .toArray();
    }

    /** Base value plus attributions equals the explained output. */
    static void assertAdditive(Explanation e, double tolerance) {
        double sum = e.baseValue();
        for (double v : values(e)) {
            sum += v;
        }
        assertThat(sum).isCloseTo(e.value(), within(tolerance));
    }

    static List<String> fieldNames(int n) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            names.add("f" + f);
        }
        return names;
    }
}
