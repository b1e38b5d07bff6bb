/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.testing.Baselines;
import dev.inferstream.console.testing.TextRecord;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.serving.client.OipClient;
import dev.inferstream.serving.client.OipException;
import dev.inferstream.serving.client.Prediction;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single prediction: a form generated from the manifest's fields, pre-filled with the baseline's typical values,
 * sent to a scorer's request/response endpoint (a chosen version, or the model's current deployment), with the
 * explanation of the version that answered drawn as a waterfall when its manifest declares one.
 */
public final class PredictHandler {
    private final Pages pages;
    private final ConsoleServices services;

    PredictHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void form(Context ctx) {
        String model = ctx.queryParam("model");
        String version = ctx.queryParam("version");
        show(ctx, model, version, null, null, null, null, null);
    }

    public void predict(Context ctx) {
        String model = Params.required(ctx, "model", "the model");
        String version = Params.text(ctx, "version");
        ModelManifest manifest = manifest(model, version);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String path : Baselines.typical(manifest).keySet()) {
            String value = ctx.formParam("field:" + path);
            fields.put(path, value == null ? "" : value.trim());
        }
        Prediction p;
        try (OipClient client = OipClient.rest(services.config().oipUrl())) {
            p = client.predict(model, version, fields, Params.text(ctx, "key"));
        } catch (OipException e) {
            show(
                    ctx,
                    model,
                    version,
                    fields,
                    null,
                    null,
                    "The scorer at " + services.config().oipUrl() + " refused or did not answer: " + e.getMessage(),
                    null);
            return;
        }
        String waterfall = null;
        String explainNote;
        try {
            int scoredBy = Integer.parseInt(p.version());
            Optional<Explanation> why =
                    services.bench().explain(model, scoredBy, TextRecord.of(manifest(model, p.version()), fields));
            if (why.isPresent()) {
                Explanation e = why.get();
                List<String> labels = new ArrayList<>();
                List<Double> steps = new ArrayList<>();
                for (FieldAttribution a : e.top(e.attributions().size())) {
                    labels.add(a.field());
                    steps.add(a.value());
                }
                waterfall =
                        Charts.waterfall(e.target() + " (" + e.space() + ")", e.baseValue(), labels, steps, e.value());
                explainNote = "Why v" + scoredBy + " said so (" + e.method() + "): each bar moves the "
                        + e.space().toString().toLowerCase() + " from the base value to the prediction.";
            } else {
                explainNote =
                        "v" + scoredBy + " declares no explain: section in model.yaml, so there is no explanation.";
            }
        } catch (RuntimeException e) {
            explainNote = "No explanation: " + e.getMessage();
        }
        show(ctx, model, version, fields, p, waterfall, null, explainNote);
    }

    private void show(
            Context ctx,
            String model,
            String version,
            Map<String, String> fields,
            Prediction prediction,
            String waterfall,
            String error,
            String explainNote) {
        Map<String, List<Integer>> models = services.catalog().models();
        if (model == null && !models.isEmpty()) {
            model = models.keySet().iterator().next();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Single prediction", "test"));
        params.put("models", models.keySet());
        params.put("model", model);
        params.put("versions", model == null ? List.of() : models.getOrDefault(model, List.of()));
        params.put("version", version);
        params.put(
                "fields",
                fields != null
                        ? fields
                        : model == null || !models.containsKey(model)
                                ? Map.of()
                                : Baselines.typical(manifest(model, version)));
        params.put("prediction", prediction);
        params.put("waterfall", waterfall);
        params.put("error", error);
        params.put("explainNote", explainNote);
        params.put("endpoint", services.config().oipUrl().toString());
        pages.show(ctx, "test/predict.jte", params);
    }

    private ModelManifest manifest(String model, String version) {
        List<Integer> versions = services.catalog().versions(model);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no model " + model + " in the repository");
        }
        int v = version == null || version.isBlank()
                ? services.state().deployment(model).map(d -> d.getStable()).orElse(versions.get(versions.size() - 1))
                : Params.integer(version, "version");
        return services.catalog().version(model, v).manifest();
    }
}
