/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.lifecycle.Overviews;
import io.javalin.http.Context;
import java.util.Map;

/** The lifecycle at a glance: one row per model, kept live by {@link EventsHandler}. */
public final class HomeHandler {
    private final Pages pages;
    private final Overviews overviews;

    public HomeHandler(Pages pages, Overviews overviews) {
        this.pages = pages;
        this.overviews = overviews;
    }

    public void show(Context ctx) {
        pages.show(ctx, "home.jte", Map.of("page", Page.of(ctx, "Lifecycle", "home"), "rows", overviews.all()));
    }

    /** The rows alone, as the live stream sends them. */
    public String rows(boolean operator) {
        return pages.render("home_rows.jte", Map.of("rows", overviews.all(), "operator", operator));
    }
}
