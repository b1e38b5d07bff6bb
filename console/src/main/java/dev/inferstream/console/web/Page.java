/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.Role;
import dev.inferstream.console.auth.User;
import io.javalin.http.Context;

/**
 * What every page's frame needs: its title, the navigation entry to highlight, who is signed in, and the CSRF
 * token forms and htmx requests carry.
 */
public record Page(String title, String nav, User user, String csrf) {
    public static Page of(Context ctx, String title, String nav) {
        var session = AccessControl.current(ctx);
        return new Page(title, nav, session.user(), session.csrf());
    }

    /** A page shown before sign-in. */
    public static Page anonymous(String title) {
        return new Page(title, "", null, "");
    }

    public boolean may(Role role) {
        return user != null && user.may(role);
    }

    public boolean operator() {
        return may(Role.OPERATOR);
    }

    public boolean admin() {
        return may(Role.ADMIN);
    }
}
