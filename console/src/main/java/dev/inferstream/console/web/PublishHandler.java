/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.User;
import dev.inferstream.model.publish.ManifestDraft;
import dev.inferstream.model.publish.ModelPublisher;
import dev.inferstream.model.publish.PublishException;
import dev.inferstream.model.repository.ModelRepository;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishing a version from the browser: upload {@code model.onnx} with its {@code model.yaml}, or let the console
 * draft the manifest from the graph and edit it; then the same checks and atomic publish as
 * {@code scorerctl models publish} ({@link ModelPublisher}), refused with the exact problem otherwise.
 */
public final class PublishHandler {
    private final Pages pages;
    private final ConsoleServices services;
    private final Path staging;

    PublishHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
        this.staging = services.config().workDir().resolve("staging");
    }

    public void form(Context ctx) {
        show(ctx, null, null, null, null, 200);
    }

    /** {@code action=draft}: drafts a manifest from the uploaded graph; otherwise publishes. */
    public void publish(Context ctx) throws IOException {
        User user = AccessControl.user(ctx);
        String stage = Params.text(ctx, "staged");
        Path folder = stage != null ? stagedFolder(stage) : Files.createDirectories(staging.resolve(newId()));
        UploadedFile onnx = ctx.uploadedFile("onnx");
        if (onnx != null && onnx.size() > 0) {
            copy(onnx, folder.resolve(ModelRepository.MODEL));
        }
        if (!Files.isRegularFile(folder.resolve(ModelRepository.MODEL))) {
            throw new BadRequestResponse("choose the exported model.onnx to publish");
        }
        if ("draft".equals(ctx.formParam("action"))) {
            String name = Params.required(ctx, "name", "the model's name");
            String yaml;
            try {
                yaml = ManifestDraft.from(Files.readAllBytes(folder.resolve(ModelRepository.MODEL)), name);
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("model.onnx: " + e.getMessage());
            }
            show(
                    ctx,
                    folder.getFileName().toString(),
                    yaml,
                    null,
                    "Drafted from the graph: replace each " + ManifestDraft.PLACEHOLDER
                            + "field_N with a field of your records, name the classes, publish.",
                    200);
            return;
        }
        UploadedFile yamlFile = ctx.uploadedFile("yaml");
        String yamlText = Params.text(ctx, "manifest");
        if (yamlFile != null && yamlFile.size() > 0) {
            copy(yamlFile, folder.resolve(ModelRepository.MANIFEST));
        } else if (yamlText != null) {
            Files.writeString(folder.resolve(ModelRepository.MANIFEST), yamlText + "\n", StandardCharsets.UTF_8);
        } else {
            throw new BadRequestResponse("give the model.yaml: upload it, or draft it from the graph");
        }
        ModelPublisher.Published published;
        try {
            published = ModelPublisher.publish(folder, services.catalog().repository(), OptionalInt.empty());
        } catch (PublishException e) {
            services.audit().record(user, "publish", manifestName(folder), e.getMessage(), "refused");
            show(
                    ctx,
                    folder.getFileName().toString(),
                    Files.readString(folder.resolve(ModelRepository.MANIFEST)),
                    e.getMessage(),
                    null,
                    400);
            return;
        }
        services.catalog().refresh();
        services.audit()
                .record(
                        user,
                        "publish",
                        published.ref().name(),
                        "v" + published.ref().version() + " sha256 " + published.sha256(),
                        "done");
        ctx.redirect("/models/" + published.ref().name() + "/versions/"
                + published.ref().version() + "?published=1");
    }

    private void show(Context ctx, String staged, String yaml, String error, String notice, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Publish a version", "models"));
        params.put("staged", staged);
        params.put("yaml", yaml);
        params.put("error", error);
        params.put("notice", notice);
        params.put("repository", services.catalog().repository().location());
        ctx.status(status);
        pages.show(ctx, "models/publish.jte", params);
    }

    private Path stagedFolder(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new BadRequestResponse("unknown staged upload " + id + ": upload the model again");
        }
        Path folder = staging.resolve(id);
        if (!Files.isDirectory(folder)) {
            throw new BadRequestResponse("the staged upload expired: upload the model again");
        }
        return folder;
    }

    /** The name model.yaml gives, for the audit trail of a refused publish; null when it has none. */
    private static String manifestName(Path folder) {
        try {
            Matcher m = Pattern.compile("(?m)^name:\\s*([^\\s#]+)")
                    .matcher(Files.readString(folder.resolve(ModelRepository.MANIFEST)));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void copy(UploadedFile file, Path target) throws IOException {
        try (InputStream in = file.content()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
