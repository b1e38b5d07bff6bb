/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutException;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scorerctl explain}: why a model version predicts what it predicts for one record — its Shapley-value
 * attributions per field, computed from the repository with the same library the scorers use (no scorer needed).
 */
@Command(
        name = "explain",
        description = "Explain one record's prediction by a version in the model repository: each field's attribution "
                + "(how much it moved the output from the base value), the base value and the explained output. "
                + "The version's model.yaml needs an explain section.")
final class ExplainCommand extends RecordCommand {
    @Option(
            names = "--version",
            paramLabel = "N",
            description = "The version to explain (default: the latest published; a prediction names its version)")
    Integer version;

    @Option(names = "--top", paramLabel = "K", description = "Show the K largest attributions only (default: all)")
    Integer top;

    @Override
    public Integer call() throws IOException {
        Session session = root.offlineSession(spec.commandLine().getOut());
        ModelRepository repo = session.repository();
        int v = version != null ? version : repo.latestVersion(model);
        if (v < 1) {
            throw new RolloutException("model " + model + " has no published version in " + repo.location());
        }
        LoadedModel loaded;
        try {
            loaded = LoadedModel.load(repo.fetch(new ModelRef(model, v)), InferenceOptions.defaults());
        } catch (ModelLoadException e) {
            throw new RolloutException(e.getMessage());
        }
        try {
            Explainer explainer = loaded.explainer()
                    .orElseThrow(() -> new RolloutException(loaded.ref() + " has no explain section in its model.yaml; "
                            + "declare explain.background (see README, Explainability)"));
            FieldSource record = record(loaded.manifest());
            if (loaded.score(record) instanceof Outcome.Failed failed) {
                throw new RolloutException(
                        "the record cannot be scored: " + failed.error().getMessage());
            }
            Explanation e = explainer.explain(record);
            List<FieldAttribution> shown = top == null ? e.attributions() : e.top(top);
            session.print(json(loaded.ref(), explainer, e, shown), text(loaded.ref(), explainer, e, shown));
            return 0;
        } catch (ExplainException e) {
            throw new RolloutException(e.getMessage());
        } finally {
            loaded.retire();
        }
    }

    /** The record the fields describe, each value typed as the manifest's field expects it. */
    private FieldSource record(ModelManifest manifest) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, FieldSpec> known = new LinkedHashMap<>();
        Map<String, TensorType> types = new LinkedHashMap<>();
        for (InputSpec input : manifest.inputs()) {
            for (FieldSpec field : input.fields()) {
                known.putIfAbsent(field.path().text(), field);
                types.putIfAbsent(field.path().text(), input.type());
            }
        }
        fields.forEach((name, text) -> {
            FieldSpec field = known.get(name);
            if (field == null) {
                throw new RolloutException(
                        "--field " + name + ": the model reads no such field; its fields are " + known.keySet());
            }
            values.put(name, field.length() > 1 ? vector(name, text) : text);
        });
        List<String> missing = new ArrayList<>(new TreeSet<>(known.keySet()));
        missing.removeIf(name -> values.containsKey(name) || known.get(name).defaultValue() != null);
        if (!missing.isEmpty()) {
            throw new RolloutException("give a value for every field without a default: missing " + missing);
        }
        return path -> values.get(path.text());
    }

    private static List<String> vector(String name, String text) {
        return Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static Map<String, Object> json(
            ModelRef ref, Explainer explainer, Explanation e, List<FieldAttribution> shown) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", ref.name());
        out.put("version", ref.version());
        out.put("method", e.method().name());
        out.put("exact", e.method().exact());
        out.put("space", e.space().name());
        out.put("target", e.target());
        out.put("baseValue", e.baseValue());
        out.put("value", e.value());
        Map<String, Double> attributions = new LinkedHashMap<>();
        shown.forEach(a -> attributions.put(a.field(), a.value()));
        out.put("attributions", attributions);
        out.put("explainer", explainer.summary());
        return out;
    }

    private static String text(ModelRef ref, Explainer explainer, Explanation e, List<FieldAttribution> shown) {
        StringBuilder text = new StringBuilder();
        text.append(ref).append(": ").append(explainer.summary()).append('\n');
        String space = e.space().name().toLowerCase().replace('_', '-');
        text.append(String.format(
                "%s of '%s' %.6f = base value %.6f + attributions%n", space, e.target(), e.value(), e.baseValue()));
        int width = shown.stream().mapToInt(a -> a.field().length()).max().orElse(5);
        for (FieldAttribution a : shown) {
            text.append(String.format("  %-" + width + "s %+.6f%n", a.field(), a.value()));
        }
        if (shown.size() < e.attributions().size()) {
            double rest = e.value()
                    - e.baseValue()
                    - shown.stream().mapToDouble(FieldAttribution::value).sum();
            text.append(String.format(
                    "  %-" + width + "s %+.6f%n", "(" + (e.attributions().size() - shown.size()) + " more)", rest));
        }
        return text.toString().stripTrailing();
    }
}
