/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access-control handlers on a bare server: who is let in, which changes are refused and recorded. */
class AccessControlTest {
    private final Sessions sessions = new Sessions(Duration.ofMinutes(5), Clock.systemUTC());
    private final List<AccessControl.Refusal> refusals = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Javalin app;

    private String start(String proxyHeader) {
        AccessControl access =
                new AccessControl(sessions, proxyHeader, proxyHeader == null ? null : "X-Role", refusals::add);
        app = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.routes.before(access::authenticate);
                    c.routes.get(
                            "/page",
                            ctx -> ctx.result(
                                    "page for " + AccessControl.user(ctx).name()));
                    c.routes.post("/change", ctx -> {
                        access.require(ctx, Role.OPERATOR);
                        ctx.result("changed by " + AccessControl.user(ctx).name());
                    });
                    c.routes.exception(
                            HttpResponseException.class,
                            (e, ctx) -> ctx.status(e.getStatus()).result(e.getMessage()));
                })
                .start();
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void aStrangerIsSentToTheSignInPage() throws Exception {
        String base = start(null);
        HttpResponse<String> page =
                send(HttpRequest.newBuilder(URI.create(base + "/page?x=1")).GET(), null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fpage%3Fx%3D1");
        assertThat(send(post(base, "a"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerIsRefusedAChangeAndTheRefusalIsRecorded() throws Exception {
        String base = start(null);
        Sessions.Session viewer = sessions.open(new User("vera", Role.VIEWER));
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/page")).GET(), viewer)
                        .body())
                .isEqualTo("page for vera");
        HttpResponse<String> refused = send(post(base, viewer.csrf()), viewer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("vera is a viewer: only an operator or admin may do this");
        assertThat(refusals)
                .containsExactly(new AccessControl.Refusal(viewer.user(), "POST", "/change", Role.OPERATOR));

        Sessions.Session operator = sessions.open(new User("otto", Role.OPERATOR));
        assertThat(send(post(base, operator.csrf()), operator).body()).isEqualTo("changed by otto");
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        String base = start(null);
        Sessions.Session admin = sessions.open(new User("ada", Role.ADMIN));
        Sessions.Session other = sessions.open(new User("ada", Role.ADMIN));
        HttpResponse<String> forged = send(post(base, other.csrf()), admin);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("no valid CSRF token");
        assertThat(send(post(base, ""), admin).statusCode()).isEqualTo(403);
    }

    @Test
    void aReverseProxysHeaderSignsTheUserInWithTheRoleItGives() throws Exception {
        String base = start("X-User");
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base + "/page"))
                        .header("X-User", "pat")
                        .header("X-Role", "operator")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("page for pat");
        assertThat(page.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(c -> assertThat(c)
                        .contains(AccessControl.COOKIE + "=")
                        .contains("HttpOnly")
                        .contains("SameSite=Strict"));
        HttpResponse<String> noHeader = http.send(
                HttpRequest.newBuilder(URI.create(base + "/page")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(302);
    }

    private static HttpRequest.Builder post(String base, String csrf) {
        return HttpRequest.newBuilder(URI.create(base + "/change"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Sessions.Session session) throws Exception {
        if (session != null) {
            request.header("Cookie", AccessControl.COOKIE + "=" + session.id());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
