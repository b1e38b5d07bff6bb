/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.catalog.ManifestDiff;
import dev.inferstream.console.catalog.VersionInfo;
import dev.inferstream.console.lifecycle.Roles;
import dev.inferstream.console.lifecycle.Stage;
import dev.inferstream.console.state.ConsoleAction;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ShadowAgreement;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The catalog: models, versions with their manifests and lineage, and a comparison of two versions. */
public final class CatalogHandler {
    /** A version with its stage, for the lists. */
    public record Listed(VersionInfo info, Stage stage, String publishedBy) {}

    /** A revision of the history that used a version, and in which role. */
    public record Use(Deployment deployment, Stage role) {}

    private final Pages pages;
    private final ConsoleServices services;

    CatalogHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void list(Context ctx) {
        Map<String, List<Listed>> models = new TreeMap<>();
        services.catalog().models().forEach((model, versions) -> models.put(model, listed(model, versions)));
        pages.show(ctx, "models/list.jte", Map.of("page", Page.of(ctx, "Catalog", "models"), "models", models));
    }

    public void model(Context ctx) {
        String model = ctx.pathParam("model");
        List<Integer> versions = known(model);
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, model, "models"));
        params.put("model", model);
        params.put("versions", listed(model, versions));
        params.put("history", services.state().history(model));
        pages.show(ctx, "models/model.jte", params);
    }

    public void version(Context ctx) {
        String model = ctx.pathParam("model");
        int version = Params.pathVersion(ctx);
        known(model, version);
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, model + " v" + version, "models"));
        params.put("listed", listed(model, List.of(version)).get(0));
        params.put("uses", uses(model, version));
        params.put("others", known(model));
        pages.show(ctx, "models/version.jte", params);
    }

    public void compare(Context ctx) {
        String model = ctx.pathParam("model");
        int a = Params.integer(required(ctx, "a"), "version a");
        int b = Params.integer(required(ctx, "b"), "version b");
        known(model, a);
        known(model, b);
        VersionInfo left = services.catalog().version(model, a);
        VersionInfo right = services.catalog().version(model, b);
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, model + ": v" + a + " and v" + b, "models"));
        params.put("model", model);
        params.put("left", left);
        params.put("right", right);
        params.put("diff", ManifestDiff.lines(left.manifestText(), right.manifestText()));
        params.put("qualityA", quality(model, a));
        params.put("qualityB", quality(model, b));
        params.put("agreement", agreement(model, a, b));
        pages.show(ctx, "models/compare.jte", params);
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new io.javalin.http.BadRequestResponse("choose version " + name + " to compare");
        }
        return value;
    }

    List<Listed> listed(String model, List<Integer> versions) {
        Deployment current = services.state().deployment(model).orElse(null);
        Map<Integer, Stage> stages =
                Roles.versions(versions, current, services.state().history(model));
        List<Listed> out = new ArrayList<>();
        for (int v : versions) {
            out.add(new Listed(
                    services.catalog().version(model, v),
                    stages.getOrDefault(v, Stage.PUBLISHED),
                    publisher(model, v)));
        }
        return out;
    }

    private List<Use> uses(String model, int version) {
        List<Use> uses = new ArrayList<>();
        for (Deployment d : services.state().history(model)) {
            Stage role = Roles.live(d).get(version);
            if (role != null) {
                uses.add(new Use(d, role));
            }
        }
        return uses;
    }

    /** Who published the version through the console, or a note that it came from elsewhere. */
    private String publisher(String model, int version) {
        for (ConsoleAction a : services.state().actions()) {
            if ("publish".equals(a.action())
                    && model.equals(a.model())
                    && a.detail() != null
                    && a.detail().startsWith("v" + version + " ")) {
                return a.user() + " (console)";
            }
        }
        return "outside the console";
    }

    private String quality(String model, int version) {
        List<QualityStats> stats = services.state().quality(model).stream()
                .filter(q -> q.getVersion() == version)
                .toList();
        if (stats.isEmpty()) {
            return "no joined feedback yet";
        }
        Quality.Summary s = Quality.summarize(stats);
        List<String> parts = new ArrayList<>();
        s.figures().forEach((k, v) -> {
            if (v != null) {
                parts.add(k + " " + Format.number(v, 4));
            }
        });
        return s.joined() + " judged; " + String.join(", ", parts);
    }

    private String agreement(String model, int a, int b) {
        long compared = 0;
        long agreed = 0;
        for (var status : services.state().statuses(model)) {
            for (ShadowAgreement s : status.getShadows()) {
                if ((s.getProduction() == a && s.getShadow() == b) || (s.getProduction() == b && s.getShadow() == a)) {
                    compared += s.getCompared();
                    agreed += s.getAgreed();
                }
            }
        }
        return compared == 0
                ? "not compared on live traffic (shadow one against the other to measure it)"
                : Format.percent(agreed / (double) compared) + " same label over " + compared + " records";
    }

    private List<Integer> known(String model) {
        List<Integer> versions = services.catalog().versions(model);
        if (versions.isEmpty()) {
            throw new NotFoundResponse("no model " + model + " in "
                    + services.catalog().repository().location());
        }
        return versions;
    }

    private void known(String model, int version) {
        if (!known(model).contains(version)) {
            throw new NotFoundResponse(model + " has no version " + version + "; published: " + known(model));
        }
    }
}
