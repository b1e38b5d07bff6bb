/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.testing.UploadJob;
import dev.inferstream.console.testing.VersionTally;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Upload test data: a CSV (header row) or Avro file scored by one or two versions with the model library; a paged
 * table, the score histogram and label counts, and with a label column accuracy, the ROC curve with its AUC and a
 * confusion matrix; with two versions their agreement and a score-against-score scatter; the scored file to
 * download.
 */
public final class UploadHandler {
    static final int PAGE_ROWS = 50;

    private final Pages pages;
    private final ConsoleServices services;

    UploadHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void form(Context ctx) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Upload test data", "test"));
        params.put("models", services.catalog().models());
        params.put("model", ctx.queryParam("model"));
        pages.show(ctx, "test/upload.jte", params);
    }

    public void upload(Context ctx) throws IOException {
        String model = Params.required(ctx, "model", "the model");
        List<Integer> versions = new ArrayList<>();
        versions.add(Params.integer(ctx, "version", "the version"));
        Integer second = Params.optionalInteger(ctx, "compare", "the second version");
        if (second != null && !second.equals(versions.get(0))) {
            versions.add(second);
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            throw new BadRequestResponse("choose a CSV or Avro file to score");
        }
        Path saved = services.uploads().newFile(file.filename());
        try (InputStream in = file.content()) {
            Files.copy(in, saved);
        }
        UploadJob job = services.uploads().score(saved, file.filename(), model, versions, Params.text(ctx, "label"));
        services.audit()
                .record(
                        AccessControl.user(ctx),
                        "score-file",
                        model,
                        file.filename() + " (" + Format.bytes(file.size()) + ") with "
                                + Format.versions(versions)
                                + (job.labelColumn() == null ? "" : ", label column " + job.labelColumn()),
                        "done");
        ctx.redirect("/test/upload/" + job.id());
    }

    public void result(Context ctx) {
        UploadJob job = job(ctx);
        int pageNo = Math.max(0, ctx.queryParam("page") == null ? 0 : Params.integer(ctx.queryParam("page"), "page"));
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Scored " + job.fileName(), "test"));
        params.put("job", job);
        params.put("rows", job.rows(pageNo * PAGE_ROWS, PAGE_ROWS));
        params.put("pageNo", pageNo);
        params.put("pages", (job.tableRows() + PAGE_ROWS - 1) / PAGE_ROWS);
        params.put("histogram", histogram(job));
        params.put("roc", roc(job));
        params.put("scatter", scatter(job));
        pages.show(
                ctx,
                ctx.header("HX-Request") != null ? "test/upload_result_body.jte" : "test/upload_result.jte",
                params);
    }

    public void download(Context ctx) throws IOException {
        UploadJob job = job(ctx);
        if (job.running() || !Files.exists(job.scoredFile())) {
            throw new BadRequestResponse("the file is still being scored: download it once it is done");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"scored-" + job.id() + ".csv\"");
        ctx.contentType("text/csv");
        ctx.result(Files.newInputStream(job.scoredFile()));
    }

    private UploadJob job(Context ctx) {
        return services.uploads()
                .job(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no scored upload " + ctx.pathParam("id")
                        + " (the console keeps the last few): upload the file again"));
    }

    private static String histogram(UploadJob job) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            labels.add(String.format(Locale.ROOT, "%.2f", i / 20.0));
        }
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (VersionTally t : job.tallies()) {
            names.add("v" + t.version());
            values.add(Arrays.stream(t.histogram()).asDoubleStream().toArray());
        }
        return Charts.bars("score", "rows", labels, names, values);
    }

    private static String roc(UploadJob job) {
        List<String> names = new ArrayList<>();
        List<List<double[]>> sets = new ArrayList<>();
        for (VersionTally t : job.tallies()) {
            var roc = t.roc();
            if (roc != null && !roc.points().isEmpty()) {
                names.add("v" + t.version() + " AUC " + Format.number(roc.auc(), 3));
                sets.add(roc.points());
            }
        }
        return names.isEmpty() ? null : Charts.points("line", "false positive rate", "true positive rate", names, sets);
    }

    private static String scatter(UploadJob job) {
        if (job.versions().size() < 2 || job.scatter().isEmpty()) {
            return null;
        }
        return Charts.points(
                "scatter",
                "score v" + job.versions().get(0),
                "score v" + job.versions().get(1),
                List.of("rows"),
                List.of(job.scatter()));
    }
}
