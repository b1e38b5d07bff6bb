/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.User;
import dev.inferstream.console.lifecycle.ChangeForm;
import dev.inferstream.console.lifecycle.TrafficSplit;
import dev.inferstream.control.DeploymentCheck;
import dev.inferstream.control.RolloutChange;
import dev.inferstream.control.RolloutException;
import dev.inferstream.control.ShadowDestinations;
import dev.inferstream.schemas.Deployment;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The deploy wizard: model → version → pattern → parameters → review (the exact change as a scorerctl command
 * line and the traffic split next to the current one) → publish. The rollout panel's buttons (promote, rollback,
 * share, restore) go through the same review. Publishing is the control plane's fenced compare-and-set with the
 * signed-in user as {@code changedBy}.
 */
public final class DeployHandler {
    /** The form fields a change may carry, passed from the review page to the publish. */
    static final List<String> FIELDS = List.of(
            "pattern",
            "version",
            "percent",
            "max-error-rate-increase",
            "max-latency-ratio",
            "max-accuracy-drop",
            "min-samples",
            "observe",
            "arms",
            "id",
            "reward",
            "min-percent",
            "update-every",
            "members",
            "combiner",
            "first",
            "second",
            "threshold",
            "confidence",
            "arm",
            "revision",
            "reason",
            "expected-revision");

    private final Pages pages;
    private final ConsoleServices services;

    DeployHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void wizard(Context ctx) {
        String model = ctx.pathParam("model");
        Map<String, String> fields = new HashMap<>();
        if (ctx.queryParam("version") != null) {
            fields.put("version", ctx.queryParam("version"));
        }
        fields.put("pattern", ctx.queryParam("pattern") == null ? "deploy" : ctx.queryParam("pattern"));
        showWizard(ctx, model, fields, null, 200);
    }

    public void review(Context ctx) {
        String model = ctx.pathParam("model");
        Map<String, String> fields = fields(ctx);
        Deployment current = services.state().deployment(model).orElse(null);
        User user = AccessControl.user(ctx);
        RolloutChange change;
        Deployment next;
        String note = null;
        try {
            change = ChangeForm.parse(
                    model, fields::get, current, services.state().history(model));
            next = change.next(
                    current, user.name(), fields.get("reason"), services.clock().instant());
            DeploymentCheck.check(next, services.catalog().repository());
            note = beforePublishing(model, change);
        } catch (RolloutException e) {
            showWizard(ctx, model, fields, e.getMessage(), 400);
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Review: " + change.commandLine(), "home"));
        params.put("model", model);
        params.put("command", change.commandLine());
        params.put("reason", fields.getOrDefault("reason", change.defaultReason()));
        params.put("current", TrafficSplit.of(current));
        params.put("next", TrafficSplit.of(next));
        params.put("currentRevision", current == null ? 0L : current.getRevision());
        params.put("note", note);
        fields.put("expected-revision", Long.toString(current == null ? 0 : current.getRevision()));
        params.put("fields", fields);
        pages.show(ctx, "rollout/review.jte", params);
    }

    public void publish(Context ctx) {
        String model = ctx.pathParam("model");
        Map<String, String> fields = fields(ctx);
        User user = AccessControl.user(ctx);
        Deployment current = services.state().deployment(model).orElse(null);
        String expected = fields.get("expected-revision");
        long seen = current == null ? 0 : current.getRevision();
        if (expected != null && Long.parseLong(expected) != seen) {
            throw new RolloutException(model + " changed since you reviewed this change (revision " + expected
                    + " → " + seen + " by " + (current == null ? "nobody" : current.getChangedBy())
                    + "): review it again");
        }
        RolloutChange change =
                ChangeForm.parse(model, fields::get, current, services.state().history(model));
        Deployment published;
        try {
            beforePublishing(model, change);
            published = services.control()
                    .change(
                            change,
                            user.name(),
                            fields.get("reason"),
                            services.catalog().repository());
        } catch (RolloutException e) {
            services.audit()
                    .record(user, change.verb(), model, change.commandLine() + ": " + e.getMessage(), "refused");
            throw e;
        }
        ctx.redirect("/models/" + model + "/rollout?published=" + published.getRevision());
    }

    /**
     * The checks scorerctl runs before publishing a change besides the deployment check (a shadow needs its shadow
     * topic); returns what to tell the person, or null.
     */
    private String beforePublishing(String model, RolloutChange change) {
        if (change.verb().equals("shadow")) {
            return ShadowDestinations.check(
                    services.state().statuses(model), model, services.clock().instant());
        }
        return null;
    }

    private void showWizard(Context ctx, String model, Map<String, String> fields, String error, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Deploy " + model, "home"));
        params.put("model", model);
        params.put("versions", services.catalog().versions(model));
        params.put(
                "current",
                services.state().deployment(model).map(TrafficSplit::text).orElse("not deployed"));
        params.put("patterns", ChangeForm.PATTERNS);
        params.put("fields", fields);
        params.put("error", error);
        ctx.status(status);
        pages.show(ctx, "rollout/wizard.jte", params);
    }

    private static Map<String, String> fields(Context ctx) {
        Map<String, String> fields = new LinkedHashMap<>();
        Function<String, String> read = ctx::formParam;
        for (String name : FIELDS) {
            String value = read.apply(name);
            if (value != null && !value.isBlank()) {
                fields.put(name, value.trim());
            }
        }
        return fields;
    }
}
