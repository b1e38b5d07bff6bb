/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.User;
import dev.inferstream.console.auth.Users;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The log-in form, signing in and signing out. */
public final class LoginHandler {
    private final Pages pages;
    private final AccessControl access;
    private final Users users;
    private final boolean generated;

    /** @param generated whether the users file was generated at first start (the page says where to look) */
    public LoginHandler(Pages pages, AccessControl access, Users users, boolean generated) {
        this.pages = pages;
        this.access = access;
        this.users = users;
        this.generated = generated;
    }

    public void form(Context ctx) {
        if (access.proxied()) {
            ctx.redirect("/");
            return;
        }
        show(ctx, null, 200);
    }

    public void signIn(Context ctx) {
        if (access.proxied()) {
            ctx.redirect("/");
            return;
        }
        String password = ctx.formParam("password");
        Optional<User> user =
                users.authenticate(ctx.formParam("username"), password == null ? new char[0] : password.toCharArray());
        if (user.isEmpty()) {
            show(ctx, "Wrong user name or password.", 401);
            return;
        }
        access.signIn(ctx, user.get());
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    public void signOut(Context ctx) {
        access.signOut(ctx);
        ctx.redirect("/login");
    }

    private void show(Context ctx, String error, int status) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", Page.anonymous("Sign in"));
        params.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        params.put("error", error);
        params.put("generated", generated);
        ctx.status(status);
        pages.show(ctx, "login.jte", params);
    }

    /** Only a path on this console: never an absolute URL or a protocol-relative one (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }
}
