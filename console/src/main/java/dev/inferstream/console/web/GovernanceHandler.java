/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.audit.AuditTrail;
import dev.inferstream.console.lifecycle.ModelOverview;
import dev.inferstream.console.lifecycle.QualityDrop;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Governance: the audit trail (search, filter, CSV/JSON export), underperforming models, printable model cards. */
public final class GovernanceHandler {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A model over a threshold, and which. */
    public record Flagged(ModelOverview overview, List<String> reasons) {}

    private final Pages pages;
    private final ConsoleServices services;
    private final CatalogHandler catalog;

    GovernanceHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
        this.catalog = new CatalogHandler(pages, services);
    }

    public void audit(Context ctx) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Audit trail", "governance"));
        List<AuditTrail.Entry> entries = entries(ctx);
        params.put("entries", entries.subList(0, Math.min(500, entries.size())));
        params.put("total", entries.size());
        params.put("q", q(ctx, "q"));
        params.put("who", q(ctx, "who"));
        params.put("model", q(ctx, "model"));
        params.put("kind", q(ctx, "kind"));
        params.put("query", ctx.queryString() == null ? "" : ctx.queryString());
        pages.show(ctx, "governance/audit.jte", params);
    }

    public void export(Context ctx) throws IOException {
        List<AuditTrail.Entry> entries = entries(ctx);
        if ("json".equals(ctx.queryParam("format"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"audit.json\"");
            ctx.contentType("application/json").result(JSON.writeValueAsString(entries));
            return;
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord("at", "who", "kind", "model", "what", "outcome");
            for (AuditTrail.Entry e : entries) {
                csv.printRecord(e.at(), e.who(), e.kind(), e.model(), e.what(), e.outcome());
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"audit.csv\"");
        ctx.contentType("text/csv").result(out.toString());
    }

    /**
     * Models over a threshold: error rate ({@code errors}, default 1 %), drift ({@code psi}, default 0.25), dead
     * letters per minute ({@code dlq}, default 10), p99 latency ({@code p99}, default 250 ms) or a quality drop
     * ({@code drop}, default 0.05: the stable version's accuracy on joined feedback that much below another version's).
     */
    public void underperforming(Context ctx) {
        double errors = number(ctx, "errors", 0.01);
        double psi = number(ctx, "psi", 0.25);
        double dlq = number(ctx, "dlq", 10);
        double p99 = number(ctx, "p99", 250);
        double drop = number(ctx, "drop", 0.05);
        List<Flagged> flagged = new ArrayList<>();
        for (ModelOverview m : services.overviews().all()) {
            List<String> reasons = new ArrayList<>();
            if (m.errorRate() != null && m.errorRate() > errors) {
                reasons.add("error rate " + Format.percent(m.errorRate()) + " > " + Format.percent(errors));
            }
            if (m.maxPsi() != null && m.maxPsi() > psi) {
                reasons.add("drift: PSI " + Format.number(m.maxPsi(), 3) + " > " + psi);
            }
            if (m.deadLettersPerMinute() != null && m.deadLettersPerMinute() > dlq) {
                reasons.add(Format.number(m.deadLettersPerMinute(), 0) + " dead letters/min > " + dlq);
            }
            if (m.p99Millis() != null && m.p99Millis() > p99) {
                reasons.add("p99 " + Format.millis(m.p99Millis()) + " > " + p99 + " ms");
            }
            QualityDrop.of(m.deployment(), services.state().quality(m.model()))
                    .filter(q -> q.drop() > drop)
                    .ifPresent(
                            q -> reasons.add("quality: v" + q.stable() + " accuracy " + Format.number(q.accuracy(), 3)
                                    + ", " + Format.number(q.drop(), 3) + " below v" + q.best() + " ("
                                    + Format.number(q.bestAccuracy(), 3) + ") > " + drop));
            if (!reasons.isEmpty()) {
                flagged.add(new Flagged(m, reasons));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Underperforming models", "governance"));
        params.put("flagged", flagged);
        params.put("errors", errors);
        params.put("psi", psi);
        params.put("dlq", dlq);
        params.put("p99", p99);
        params.put("drop", drop);
        pages.show(ctx, "governance/underperforming.jte", params);
    }

    /** A printable model card of one version: manifest, lineage, quality, drift and deployments. */
    public void card(Context ctx) {
        String model = ctx.pathParam("model");
        int version = Params.pathVersion(ctx);
        if (!services.catalog().versions(model).contains(version)) {
            throw new NotFoundResponse(model + " has no version " + version);
        }
        var listed = catalog.listed(model, List.of(version)).get(0);
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Model card " + model + " v" + version, "governance"));
        params.put("listed", listed);
        params.put(
                "uses",
                services.state().history(model).stream()
                        .filter(d ->
                                dev.inferstream.console.lifecycle.Roles.live(d).containsKey(version))
                        .toList());
        params.put(
                "quality",
                services.state().quality(model).stream()
                        .filter(q -> q.getVersion() == version)
                        .toList());
        params.put(
                "drift",
                services.state().openDrift(model).stream()
                        .filter(a -> a.getVersion() == version)
                        .toList());
        pages.show(ctx, "governance/card.jte", params);
    }

    private List<AuditTrail.Entry> entries(Context ctx) {
        return AuditTrail.search(services.state(), q(ctx, "q"), q(ctx, "who"), q(ctx, "model"), q(ctx, "kind"));
    }

    private static String q(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static double number(Context ctx, String name, double fallback) {
        String v = q(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a number");
        }
    }
}
