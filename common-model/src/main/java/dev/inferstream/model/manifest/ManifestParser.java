/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code model.yaml}. Every error names the file and the path inside it, and unknown keys are refused
 * so that a typo never silently changes what a model is fed.
 *
 * <pre>{@code
 * name: fraud
 * version: 3
 * inputs:
 *   - name: features
 *     type: float32
 *     fields: [amount, {name: device.trusted, default: 0}, {name: channel, vocabulary: [pos, web], encoding: onehot}]
 * outputs:
 *   - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
 *   - {name: label, kind: label, labels: [legit, fraud]}
 * }</pre>
 */
public final class ManifestParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP =
            Set.of("name", "version", "description", "sha256", "inputs", "outputs", "baseline", "explain");
    private static final Set<String> INPUT = Set.of("name", "type", "fields", "allowNonFinite");
    private static final Set<String> FIELD = Set.of("name", "default", "length", "vocabulary", "encoding", "unknown");
    private static final Set<String> OUTPUT = Set.of("name", "kind", "labels", "positive");
    private static final Set<String> BASELINE = Set.of("mean", "stddev", "bins", "categories");
    private static final Set<String> EXPLAIN =
            Set.of("background", "method", "linearIn", "samples", "backgroundSize", "seed");

    private ManifestParser() {}

    /**
     * @param source where the bytes came from, for error messages (e.g. {@code models/fraud/3/model.yaml})
     */
    public static ModelManifest parse(byte[] yaml, String source) throws ManifestException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ManifestException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ManifestException("cannot read " + source + ": " + e.getMessage(), e);
        }
        try {
            return manifest(root);
        } catch (Invalid e) {
            throw new ManifestException(source + ": " + e.getMessage());
        }
    }

    private static ModelManifest manifest(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new Invalid("", "must be a mapping with name, version, inputs and outputs");
        }
        keys(root, "", TOP);
        String name = text(root, "name", "", true);
        int version = integer(root, "version", "");
        if (version < 1) {
            throw new Invalid("version", "must be a positive integer, not " + version);
        }
        String sha = text(root, "sha256", "", false);
        if (sha != null && !sha.matches("[0-9a-fA-F]{64}")) {
            throw new Invalid("sha256", "must be 64 hex digits (the SHA-256 of model.onnx)");
        }
        List<InputSpec> inputs = new ArrayList<>();
        Set<String> tensors = new HashSet<>();
        for (Indexed item : list(root, "inputs", "", true)) {
            InputSpec input = input(item.node, item.path);
            if (!tensors.add(input.tensor())) {
                throw new Invalid(item.path + ".name", "input " + input.tensor() + " is declared twice");
            }
            inputs.add(input);
        }
        List<OutputSpec> outputs = new ArrayList<>();
        Set<OutputKind> singletons = new HashSet<>();
        for (Indexed item : list(root, "outputs", "", true)) {
            OutputSpec output = output(item.node, item.path);
            if (output.kind() != OutputKind.TENSOR && !singletons.add(output.kind())) {
                throw new Invalid(
                        item.path + ".kind",
                        "only one output may be of kind " + output.kind().name().toLowerCase());
            }
            outputs.add(output);
        }
        return new ModelManifest(
                name,
                version,
                Optional.ofNullable(text(root, "description", "", false)).orElse(""),
                Optional.ofNullable(sha).map(String::toLowerCase),
                inputs,
                outputs,
                baseline(root.get("baseline")),
                Optional.ofNullable(explain(root.get("explain"))));
    }

    private static InputSpec input(JsonNode node, String path) {
        keys(node, path, INPUT);
        String tensor = text(node, "name", path, true);
        TensorType type;
        try {
            type = TensorType.parse(
                    Optional.ofNullable(text(node, "type", path, false)).orElse("float32"));
        } catch (IllegalArgumentException e) {
            throw new Invalid(path + ".type", e.getMessage());
        }
        List<FieldSpec> fields = new ArrayList<>();
        for (Indexed item : list(node, "fields", path, true)) {
            fields.add(field(item.node, item.path, type));
        }
        return new InputSpec(tensor, type, fields, bool(node, "allowNonFinite", path, false));
    }

    private static FieldSpec field(JsonNode node, String path, TensorType type) {
        if (node.isTextual()) {
            return new FieldSpec(
                    fieldPath(node.asText(), path),
                    null,
                    1,
                    List.of(),
                    FieldSpec.Encoding.VALUE,
                    FieldSpec.UnknownCategory.ERROR);
        }
        keys(node, path, FIELD);
        FieldPath fieldPath = fieldPath(text(node, "name", path, true), path + ".name");
        List<String> vocabulary = new ArrayList<>();
        for (Indexed item : list(node, "vocabulary", path, false)) {
            if (!item.node.isValueNode() || item.node.isNull()) {
                throw new Invalid(item.path, "categories must be plain values");
            }
            if (vocabulary.contains(item.node.asText())) {
                throw new Invalid(item.path, "category '" + item.node.asText() + "' is listed twice");
            }
            vocabulary.add(item.node.asText());
        }
        if (node.has("vocabulary") && vocabulary.isEmpty()) {
            throw new Invalid(path + ".vocabulary", "must list at least one category");
        }
        String encodingText = text(node, "encoding", path, false);
        FieldSpec.Encoding encoding = encodingText == null
                ? (vocabulary.isEmpty() ? FieldSpec.Encoding.VALUE : FieldSpec.Encoding.INDEX)
                : enumValue(FieldSpec.Encoding.class, encodingText, path + ".encoding");
        if (encoding != FieldSpec.Encoding.VALUE && vocabulary.isEmpty()) {
            throw new Invalid(path + ".encoding", encoding.name().toLowerCase() + " encoding needs a vocabulary");
        }
        if (type == TensorType.STRING && encoding != FieldSpec.Encoding.VALUE) {
            throw new Invalid(
                    path + ".encoding", "a string tensor takes the category text itself; remove the encoding");
        }
        int length = node.has("length") ? integer(node, "length", path) : 1;
        if (length < 1) {
            throw new Invalid(path + ".length", "must be at least 1");
        }
        if (length > 1 && !vocabulary.isEmpty()) {
            throw new Invalid(path + ".length", "a categorical field holds one category, not a vector");
        }
        String unknown = text(node, "unknown", path, false);
        FieldSpec.UnknownCategory onUnknown = unknown == null
                ? FieldSpec.UnknownCategory.ERROR
                : enumValue(FieldSpec.UnknownCategory.class, unknown, path + ".unknown");
        Object defaultValue = null;
        JsonNode def = node.get("default");
        if (def != null && !def.isNull()) {
            boolean textual = type == TensorType.STRING || !vocabulary.isEmpty();
            if (textual) {
                defaultValue = def.asText();
                if (!vocabulary.isEmpty() && !vocabulary.contains(def.asText())) {
                    throw new Invalid(path + ".default", "'" + def.asText() + "' is not in the vocabulary");
                }
            } else if (def.isNumber() || def.isBoolean()) {
                defaultValue = def.isBoolean() ? (def.asBoolean() ? 1.0 : 0.0) : def.asDouble();
            } else {
                throw new Invalid(
                        path + ".default", "must be a number for a numeric field, not '" + def.asText() + "'");
            }
        }
        return new FieldSpec(fieldPath, defaultValue, length, vocabulary, encoding, onUnknown);
    }

    private static OutputSpec output(JsonNode node, String path) {
        keys(node, path, OUTPUT);
        String tensor = text(node, "name", path, true);
        OutputKind kind = enumValue(OutputKind.class, text(node, "kind", path, true), path + ".kind");
        List<String> labels = new ArrayList<>();
        for (Indexed item : list(node, "labels", path, false)) {
            labels.add(item.node.asText());
        }
        String positive = text(node, "positive", path, false);
        if (positive != null && !labels.contains(positive)) {
            throw new Invalid(path + ".positive", "'" + positive + "' is not one of the labels " + labels);
        }
        if (kind == OutputKind.PROBABILITIES && labels.isEmpty()) {
            throw new Invalid(path + ".labels", "probabilities need their class labels, in the model's class order");
        }
        return new OutputSpec(tensor, kind, labels, positive);
    }

    private static Map<String, FeatureBaseline> baseline(JsonNode node) {
        Map<String, FeatureBaseline> baseline = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return baseline;
        }
        if (!node.isObject()) {
            throw new Invalid("baseline", "must map feature names to statistics");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "baseline." + entry.getKey();
            JsonNode stats = entry.getValue();
            keys(stats, path, BASELINE);
            List<Double> edges = new ArrayList<>();
            List<Double> frequencies = new ArrayList<>();
            JsonNode bins = stats.get("bins");
            if (bins != null) {
                keys(bins, path + ".bins", Set.of("edges", "frequencies"));
                list(bins, "edges", path + ".bins", true).forEach(i -> edges.add(i.node.asDouble()));
                list(bins, "frequencies", path + ".bins", true).forEach(i -> frequencies.add(i.node.asDouble()));
                if (frequencies.size() != edges.size() + 1) {
                    throw new Invalid(
                            path + ".bins",
                            edges.size() + " edges make " + (edges.size() + 1) + " bins, but " + frequencies.size()
                                    + " frequencies are given");
                }
                for (int i = 1; i < edges.size(); i++) {
                    if (edges.get(i) <= edges.get(i - 1)) {
                        throw new Invalid(path + ".bins.edges", "must be strictly ascending");
                    }
                }
            }
            Map<String, Double> categories = new LinkedHashMap<>();
            JsonNode cats = stats.get("categories");
            if (cats != null) {
                cats.fields()
                        .forEachRemaining(
                                c -> categories.put(c.getKey(), c.getValue().asDouble()));
            }
            baseline.put(
                    entry.getKey(),
                    new FeatureBaseline(
                            stats.has("mean") ? stats.get("mean").asDouble() : null,
                            stats.has("stddev") ? stats.get("stddev").asDouble() : null,
                            edges,
                            frequencies,
                            categories));
        }
        return baseline;
    }

    private static ExplainSpec explain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        keys(node, "explain", EXPLAIN);
        String background = text(node, "background", "explain", true);
        if (!background.equals(ExplainSpec.BASELINE)
                && !background.matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.(csv|avro)")) {
            throw new Invalid(
                    "explain.background",
                    "'" + background + "' must be 'baseline' or the name of a .csv or .avro file in the model's"
                            + " folder (no folders in the name)");
        }
        String methodText = text(node, "method", "explain", false);
        ExplainSpec.Method method = methodText == null
                ? ExplainSpec.Method.AUTO
                : enumValue(ExplainSpec.Method.class, methodText, "explain.method");
        String linearText = text(node, "linearIn", "explain", false);
        ExplainSpec.LinearIn linearIn =
                linearText == null ? null : enumValue(ExplainSpec.LinearIn.class, linearText, "explain.linearIn");
        if (linearIn != null && (method == ExplainSpec.Method.TREE || method == ExplainSpec.Method.SAMPLING)) {
            throw new Invalid(
                    "explain.linearIn",
                    "declares the model linear, but method is " + method.name().toLowerCase()
                            + "; use method auto or linear, or remove linearIn");
        }
        int samples = node.has("samples") ? integer(node, "samples", "explain") : ExplainSpec.DEFAULT_SAMPLES;
        if (samples < 2 || samples > 100_000) {
            throw new Invalid("explain.samples", "must be between 2 and 100000 permutations, not " + samples);
        }
        int backgroundSize = node.has("backgroundSize")
                ? integer(node, "backgroundSize", "explain")
                : ExplainSpec.DEFAULT_BACKGROUND_SIZE;
        if (backgroundSize < 1 || backgroundSize > 10_000) {
            throw new Invalid("explain.backgroundSize", "must be between 1 and 10000 rows, not " + backgroundSize);
        }
        JsonNode seed = node.get("seed");
        if (seed != null && !seed.isIntegralNumber()) {
            throw new Invalid("explain.seed", "must be a whole number");
        }
        return new ExplainSpec(
                background, method, linearIn, samples, backgroundSize, seed == null ? 0L : seed.asLong());
    }

    private static FieldPath fieldPath(String text, String path) {
        try {
            return FieldPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(path, e.getMessage());
        }
    }

    private static void keys(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw new Invalid(path, "must be a mapping with keys " + new TreeSet<>(allowed));
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new Invalid(join(path, key), "unknown key; allowed here: " + new TreeSet<>(allowed));
            }
        });
    }

    private static String text(JsonNode node, String key, String path, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Invalid(join(path, key), "is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new Invalid(join(path, key), "must be a non-empty text");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new Invalid(join(path, key), value == null ? "is required" : "must be a whole number");
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String key, String path, boolean fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new Invalid(join(path, key), "must be true or false");
        }
        return value.asBoolean();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String path) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase());
        }
        throw new Invalid(path, "'" + text + "' is not one of " + names);
    }

    private static List<Indexed> list(JsonNode node, String key, String path, boolean required) {
        JsonNode value = node.get(key);
        String at = join(path, key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Invalid(at, "is required");
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw new Invalid(at, "must be a list");
        }
        if (required && value.isEmpty()) {
            throw new Invalid(at, "must not be empty");
        }
        List<Indexed> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new Indexed(value.get(i), at + "[" + i + "]"));
        }
        return items;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private record Indexed(JsonNode node, String path) {}

    /** Carries the path of the offending node up to {@link #parse}. */
    private static final class Invalid extends RuntimeException {
        Invalid(String path, String message) {
            super((path.isEmpty() ? "" : path + ": ") + message);
        }
    }
}
