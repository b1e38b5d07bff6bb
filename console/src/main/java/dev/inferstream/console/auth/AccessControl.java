/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who is asking, and may they: finds the session (or the user a reverse proxy vouches for), sends strangers to the
 * log-in page, refuses a changing request without the session's CSRF token, and refuses a user whose role is too
 * low. Runs before every handler.
 */
public final class AccessControl {
    public static final String COOKIE = "inferstream_console";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION = "console.session";

    /** What a refusal is recorded as, for the audit trail. */
    public record Refusal(User user, String method, String path, Role needed) {}

    private final Sessions sessions;
    private final String proxyUserHeader;
    private final String proxyRoleHeader;
    private final Consumer<Refusal> refused;

    /**
     * @param proxyUserHeader null: users sign in with the form
     * @param refused told of every refused change, for the audit trail
     */
    public AccessControl(Sessions sessions, String proxyUserHeader, String proxyRoleHeader, Consumer<Refusal> refused) {
        this.sessions = sessions;
        this.proxyUserHeader = proxyUserHeader;
        this.proxyRoleHeader = proxyRoleHeader;
        this.refused = refused;
    }

    /** Whether users sign in at a reverse proxy rather than with the console's form. */
    public boolean proxied() {
        return proxyUserHeader != null;
    }

    /** The before-handler of every route but the public ones (log-in page, scripts, health). */
    public void authenticate(Context ctx) {
        Optional<Sessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            if (ctx.method() == HandlerType.GET && ctx.header("HX-Request") == null) {
                String next = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
                ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse("sign in first: your session has ended");
        }
        ctx.attribute(SESSION, session.get());
        if (changes(ctx)) {
            String token = ctx.header(CSRF_HEADER);
            if (token == null) {
                token = ctx.formParam(CSRF_FIELD);
            }
            if (!session.get().csrf().equals(token)) {
                throw new ForbiddenResponse(
                        "this form is stale or was sent from another site (no valid CSRF token): reload the page "
                                + "and try again");
            }
        }
    }

    /** Refuses the request unless the signed-in user has at least {@code needed}; records refused changes. */
    public void require(Context ctx, Role needed) {
        User user = user(ctx);
        if (!user.may(needed)) {
            if (changes(ctx)) {
                refused.accept(new Refusal(user, ctx.method().name(), ctx.path(), needed));
            }
            throw new ForbiddenResponse(user.name() + " is a " + user.role().label() + ": only "
                    + (needed == Role.ADMIN ? "an admin" : "an operator or admin") + " may do this");
        }
    }

    /** Starts a session for {@code user} and sets its cookie. */
    public Sessions.Session signIn(Context ctx, User user) {
        Sessions.Session session = sessions.open(user);
        setCookie(ctx, session.id());
        return session;
    }

    public void signOut(Context ctx) {
        sessions.close(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/");
    }

    /** The session of a request that passed {@link #authenticate}. */
    public static Sessions.Session current(Context ctx) {
        Sessions.Session session = ctx.attribute(SESSION);
        if (session == null) {
            throw new UnauthorizedResponse("sign in first");
        }
        return session;
    }

    public static User user(Context ctx) {
        return current(ctx).user();
    }

    private Optional<Sessions.Session> session(Context ctx) {
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (proxyUserHeader == null) {
            return session;
        }
        String name = ctx.header(proxyUserHeader);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Role role = Role.VIEWER;
        if (proxyRoleHeader != null && ctx.header(proxyRoleHeader) != null) {
            try {
                role = Role.parse(ctx.header(proxyRoleHeader));
            } catch (IllegalArgumentException e) {
                role = Role.VIEWER;
            }
        }
        User user = new User(name.trim(), role);
        if (session.isPresent() && session.get().user().equals(user)) {
            return session;
        }
        return Optional.of(signIn(ctx, user));
    }

    private static void setCookie(Context ctx, String id) {
        io.javalin.http.Cookie cookie = new io.javalin.http.Cookie(COOKIE, id);
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure("https".equals(ctx.scheme()));
        ctx.cookie(cookie);
    }

    private static boolean changes(Context ctx) {
        HandlerType method = ctx.method();
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}
