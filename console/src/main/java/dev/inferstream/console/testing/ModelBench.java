/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.console.catalog.Catalog;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.repository.ModelRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model versions loaded in the console with the model library, exactly as the scorers load them, for the test
 * tools: scoring uploaded files and explaining single predictions. Keeps the few most recently used versions.
 */
public final class ModelBench implements AutoCloseable {
    static final int KEPT = 6;

    private final Catalog catalog;
    private final Map<ModelRef, LoadedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);

    public ModelBench(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The version, loaded (and checked) the first time; the caller must not retire it. */
    public synchronized LoadedModel model(String model, int version) {
        ModelRef ref = new ModelRef(model, version);
        LoadedModel m = loaded.get(ref);
        if (m != null) {
            return m;
        }
        try {
            m = LoadedModel.load(catalog.repository().fetch(ref), InferenceOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref + ": " + e.getMessage(), e);
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(ref + " does not load: " + e.getMessage(), e);
        }
        loaded.put(ref, m);
        if (loaded.size() > KEPT) {
            var eldest = loaded.entrySet().iterator().next();
            loaded.remove(eldest.getKey());
            eldest.getValue().retire();
        }
        return m;
    }

    public List<Outcome> score(String model, int version, List<? extends FieldSource> rows) {
        return model(model, version).score(rows);
    }

    /**
     * The explanation of {@code record}'s prediction by the version, when its manifest declares {@code explain:}.
     *
     * @return empty when the version has no explainer
     * @throws IllegalArgumentException when the record cannot be explained, with the reason
     */
    public Optional<Explanation> explain(String model, int version, FieldSource record) {
        var explainer = model(model, version).explainer();
        if (explainer.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(explainer.get().explain(record));
        } catch (ExplainException e) {
            throw new IllegalArgumentException("cannot explain the prediction: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(LoadedModel::retire);
        loaded.clear();
    }
}
