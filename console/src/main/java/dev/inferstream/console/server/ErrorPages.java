/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.web.Page;
import dev.inferstream.console.web.Pages;
import io.javalin.http.Context;
import java.util.Map;

/**
 * How refusals and failures leave: a page naming the problem for a browser, the bare message for htmx requests
 * (shown in the page's message area), never a stack trace.
 */
final class ErrorPages {
    private final Pages pages;

    ErrorPages(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx, int status, String message) {
        ctx.status(status);
        if (ctx.header("HX-Request") != null || ctx.path().startsWith("/api/")) {
            ctx.contentType("text/plain; charset=utf-8").result(message);
            return;
        }
        Page page;
        try {
            page = Page.of(ctx, "Error", "");
        } catch (RuntimeException e) {
            page = Page.anonymous("Error");
        }
        ctx.html(pages.render("error.jte", Map.of("page", page, "status", status, "message", message)));
    }

    static boolean signedIn(Context ctx) {
        try {
            AccessControl.current(ctx);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
