/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.User;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.config.ScorerRoute;
import dev.inferstream.console.lifecycle.RolloutView;
import dev.inferstream.console.testing.Baselines;
import dev.inferstream.console.testing.LoadTest;
import dev.inferstream.console.testing.LoadTests;
import dev.inferstream.model.manifest.ModelManifest;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Load tests against a scorer's request/response endpoint or through the model's input topic: records drawn from
 * the baseline (or an upload's rows) at a target rate for a bounded time, live throughput and p50/p99 latency, a
 * stop button, and a summary kept with the model (in the audit trail, shown on its rollout panel).
 */
public final class LoadTestHandler {
    private final Pages pages;
    private final ConsoleServices services;

    LoadTestHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void form(Context ctx) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Load test", "test"));
        params.put("models", services.catalog().models());
        params.put("model", ctx.queryParam("model"));
        params.put(
                "uploads",
                ctx.queryParam("model") == null ? List.of() : services.uploads().replayable(ctx.queryParam("model")));
        params.put("endpoint", services.loadTests().endpoint().toString());
        params.put(
                "route",
                ctx.queryParam("model") == null
                        ? null
                        : services.config().route(ctx.queryParam("model")).orElse(null));
        params.put("maxSeconds", LoadTests.MAX_SECONDS);
        params.put("maxRate", LoadTests.MAX_RATE);
        pages.show(ctx, "test/load.jte", params);
    }

    public void start(Context ctx) {
        User user = AccessControl.user(ctx);
        String model = Params.required(ctx, "model", "the model");
        Integer version = Params.optionalInteger(ctx, "version", "the version");
        String upload = ctx.formParam("upload");
        List<Map<String, String>> replay = null;
        String source = null;
        if (upload != null && !upload.isBlank()) {
            List<Integer> versions = services.catalog().versions(model);
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("model " + model + " has no published version");
            }
            ModelManifest manifest = services.catalog()
                    .version(model, version != null ? version : versions.get(versions.size() - 1))
                    .manifest();
            replay = services.uploads().rows(upload, Baselines.typical(manifest).keySet(), LoadTests.MAX_REPLAY_ROWS);
            source = replay.size() + " rows of "
                    + services.uploads().job(upload).orElseThrow().fileName();
        }
        ScorerRoute topic = null;
        if ("topic".equals(ctx.formParam("target"))) {
            topic = services.config()
                    .route(model)
                    .orElseThrow(() -> new IllegalArgumentException("the console knows no input topic of " + model
                            + ": set " + ConsoleConfig.ROUTE_PREFIX + model + ".input and .predictions"));
        }
        LoadTest test = services.loadTests()
                .start(
                        model,
                        version,
                        Params.integer(ctx, "rate", "the rate"),
                        Params.integer(ctx, "seconds", "the duration"),
                        replay,
                        source,
                        topic,
                        done -> services.audit().record(user, "load-test", model, done.summary(), done.state()));
        ctx.redirect("/test/load/" + test.id());
    }

    public void status(Context ctx) {
        LoadTest test = test(ctx);
        List<RolloutView.Series> throughput = new ArrayList<>();
        List<double[]> ok = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (LoadTest.Second s : test.series()) {
            ok.add(new double[] {s.second(), s.ok()});
            failed.add(new double[] {s.second(), s.failed()});
            if (!Double.isNaN(s.p50Millis())) {
                p50.add(new double[] {s.second(), s.p50Millis()});
                p99.add(new double[] {s.second(), s.p99Millis()});
            }
        }
        throughput.add(new RolloutView.Series("answered/s", ok));
        throughput.add(new RolloutView.Series("failed/s", failed));
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Load test " + test.id(), "test"));
        params.put("test", test);
        params.put(
                "throughput",
                Charts.points("line", "second", "requests", List.of("answered/s", "failed/s"), List.of(ok, failed)));
        params.put("latency", Charts.points("line", "second", "ms", List.of("p50", "p99"), List.of(p50, p99)));
        pages.show(
                ctx, ctx.header("HX-Request") != null ? "test/load_status_body.jte" : "test/load_status.jte", params);
    }

    public void stop(Context ctx) {
        LoadTest test = test(ctx);
        services.loadTests().stop(test.id());
        ctx.redirect("/test/load/" + test.id());
    }

    private LoadTest test(Context ctx) {
        return services.loadTests()
                .test(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no load test " + ctx.pathParam("id")));
    }
}
