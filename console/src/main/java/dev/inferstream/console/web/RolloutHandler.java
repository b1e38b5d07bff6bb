/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.lifecycle.CanaryProgress;
import dev.inferstream.console.lifecycle.ChartRange;
import dev.inferstream.console.lifecycle.RolloutView;
import dev.inferstream.console.lifecycle.TrafficSplit;
import dev.inferstream.console.state.ConsoleAction;
import dev.inferstream.schemas.Deployment;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollout panel of one model: per arm its share, rate, errors, latency, shadow agreement, quality and drift;
 * a gated canary's gates and what remains before a decision; charts over a time range; the buttons to promote,
 * roll back, change the share or restore an earlier revision; the load tests run against it. Live over SSE.
 */
public final class RolloutHandler {
    private final Pages pages;
    private final ConsoleServices services;

    RolloutHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void panel(Context ctx) {
        String model = ctx.pathParam("model");
        if (services.catalog().versions(model).isEmpty()
                && services.state().deployment(model).isEmpty()) {
            throw new NotFoundResponse("no model " + model + ": publish a version first");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, model + " rollout", "home"));
        params.put("model", model);
        params.put("current", services.state().deployment(model).orElse(null));
        params.put("history", reversed(services.state().history(model)));
        ChartRange range = range(ctx);
        params.put("range", range.label());
        params.put("live", live(model, range));
        params.put("published", ctx.queryParam("published"));
        params.put("loadTests", loadTests(model));
        pages.show(ctx, "rollout/panel.jte", params);
    }

    /** The live part of the panel with charts over {@code range}, re-sent over SSE as the state changes. */
    public String live(String model, ChartRange range) {
        Deployment current = services.state().deployment(model).orElse(null);
        Map<String, Object> params = new HashMap<>();
        params.put("model", model);
        params.put("split", TrafficSplit.text(current));
        params.put("arms", RolloutView.arms(services.state(), model));
        params.put(
                "canary",
                CanaryProgress.of(
                                current,
                                services.state().statuses(model),
                                services.state().quality(model),
                                services.clock().instant())
                        .orElse(null));
        params.put("scorers", services.state().statuses(model));
        params.put("revision", current == null ? 0L : current.getRevision());
        params.put("charts", charts(model, range));
        params.put("range", range);
        params.put("ranges", List.of(ChartRange.values()));
        return pages.render("rollout/live.jte", params);
    }

    /** The panel's chart data over {@code ?range=} as JSON, one chart per name (the bandit's only for a bandit). */
    public void chartData(Context ctx) {
        ChartRange range = range(ctx);
        ctx.contentType("application/json").result(Charts.object(charts(ctx.pathParam("model"), range)));
    }

    private static ChartRange range(Context ctx) {
        try {
            return ChartRange.parse(ctx.queryParam("range"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** The panel's charts by name, each a {@link Charts} description: events, latency, quality and bandit. */
    private Map<String, String> charts(String model, ChartRange range) {
        Instant now = services.clock().instant();
        Duration window = range.window();
        Map<String, String> charts = new LinkedHashMap<>();
        charts.put(
                "events",
                Charts.lines(
                        "events/s", RolloutView.eventsPerSecond(services.state().series(model), now, window)));
        charts.put(
                "latency",
                Charts.lines("p99 ms", RolloutView.p99(services.state().series(model), now, window)));
        charts.put(
                "quality",
                Charts.lines("quality", RolloutView.quality(services.state().qualitySeries(model), now, window)));
        String bandit = banditShares(model, now, window);
        if (bandit != null) {
            charts.put("bandit", bandit);
        }
        return charts;
    }

    private String banditShares(String model, Instant now, Duration window) {
        Map<String, List<double[]>> lines = new TreeMap<>();
        for (Deployment d : services.state().history(model)) {
            double ago = Duration.between(d.getChangedAt(), now).toSeconds();
            if (d.getBandit() != null && ago <= window.toSeconds()) {
                d.getBandit()
                        .getArms()
                        .forEach(a -> lines.computeIfAbsent(
                                        a.getName() + " (v" + a.getVersion() + ")", k -> new ArrayList<>())
                                .add(new double[] {-ago, a.getBasisPoints() / 100.0}));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        List<RolloutView.Series> series = new ArrayList<>();
        lines.forEach((k, v) -> series.add(new RolloutView.Series(k, v)));
        return Charts.lines("share %", series);
    }

    private List<ConsoleAction> loadTests(String model) {
        return services.state().actions().stream()
                .filter(a -> "load-test".equals(a.action()) && model.equals(a.model()))
                .toList();
    }

    private static List<Deployment> reversed(List<Deployment> history) {
        List<Deployment> out = new ArrayList<>(history);
        Collections.reverse(out);
        return out;
    }
}
