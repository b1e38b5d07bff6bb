/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.state.ConsoleState.StoredDeadLetter;
import dev.inferstream.schemas.serde.AvroReader;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The dead letters of the followed dead-letter topics (the newest few thousand): stage, reason, message and the
 * original record, filtered by model, stage and text; exported as CSV; a selected record replayed to its topic.
 */
public final class DeadLetterHandler {
    /** A dead letter as the table shows it, with its original record decoded where the registry knows it. */
    public record Shown(StoredDeadLetter stored, String original) {}

    private final Pages pages;
    private final ConsoleServices services;

    DeadLetterHandler(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    public void list(Context ctx) {
        List<StoredDeadLetter> matching = filtered(ctx);
        List<Shown> shown = new ArrayList<>();
        for (int i = matching.size() - 1; i >= 0 && shown.size() < 200; i--) {
            shown.add(new Shown(matching.get(i), original(matching.get(i))));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.of(ctx, "Dead letters", "monitoring"));
        params.put("letters", shown);
        params.put("total", matching.size());
        params.put("topics", services.config().deadLetterTopics());
        params.put("model", ctx.queryParam("model"));
        params.put("stage", ctx.queryParam("stage"));
        params.put("q", ctx.queryParam("q"));
        params.put("query", ctx.queryString() == null ? "" : ctx.queryString());
        params.put("notice", ctx.queryParam("replayed"));
        pages.show(ctx, "monitoring/dead_letters.jte", params);
    }

    public void export(Context ctx) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord(
                    "topic",
                    "partition",
                    "offset",
                    "failedAt",
                    "model",
                    "version",
                    "stage",
                    "reason",
                    "message",
                    "sourceTopic",
                    "sourcePartition",
                    "sourceOffset",
                    "original");
            for (StoredDeadLetter s : filtered(ctx)) {
                var l = s.letter();
                csv.printRecord(
                        s.topic(),
                        s.partition(),
                        s.offset(),
                        l.getFailedAt(),
                        l.getModel(),
                        l.getVersion(),
                        l.getStage(),
                        l.getReason(),
                        l.getErrorMessage(),
                        l.getSource().getName(),
                        l.getSource().getPartition(),
                        l.getSource().getOffset(),
                        original(s));
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"dead-letters.csv\"");
        ctx.contentType("text/csv").result(out.toString());
    }

    public void replay(Context ctx) {
        String topic = Params.required(ctx, "topic", "the dead-letter topic");
        int partition = Params.integer(ctx, "partition", "the partition");
        long offset = Long.parseLong(Params.required(ctx, "offset", "the offset"));
        StoredDeadLetter letter = services.state().deadLetters().stream()
                .filter(s -> s.topic().equals(topic) && s.partition() == partition && s.offset() == offset)
                .findFirst()
                .orElseThrow(() -> new NotFoundResponse("no dead letter at " + topic + "-" + partition + "@" + offset
                        + " among those the console keeps"));
        String to = services.deadLetterReplay().replay(letter);
        services.audit()
                .record(
                        AccessControl.user(ctx),
                        "replay-dead-letter",
                        letter.letter().getModel(),
                        topic + "-" + partition + "@" + offset + " → " + to,
                        "done");
        ctx.redirect("/monitoring/dead-letters?replayed=" + to);
    }

    private List<StoredDeadLetter> filtered(Context ctx) {
        String model = blank(ctx.queryParam("model"));
        String stage = blank(ctx.queryParam("stage"));
        String q = blank(ctx.queryParam("q"));
        return services.state().deadLetters().stream()
                .filter(s -> model == null || model.equals(s.letter().getModel()))
                .filter(s -> stage == null
                        || stage.equalsIgnoreCase(s.letter().getStage().name()))
                .filter(s -> q == null
                        || (s.letter().getErrorMessage() + " " + s.letter().getReason())
                                .toLowerCase(Locale.ROOT)
                                .contains(q.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The original value as JSON when the registry knows its schema, else as text. */
    private String original(StoredDeadLetter s) {
        ByteBuffer value = s.letter().getValue();
        if (value == null) {
            return "";
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        try {
            return String.valueOf(AvroReader.generic(services.registry()).read(bytes));
        } catch (RuntimeException e) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.length() > 500 ? text.substring(0, 500) + "…" : text;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
