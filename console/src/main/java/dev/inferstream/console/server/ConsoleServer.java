/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.Role;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.web.Handlers;
import dev.inferstream.console.web.Pages;
import dev.inferstream.control.RolloutException;
import dev.inferstream.model.publish.PublishException;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's web server: owns its lifecycle (start, stop with a grace period, block until shut down) and
 * declares every route in one place, each with the least role that may use it. Handlers only parse, call the
 * control plane and model library, and render.
 *
 * <pre>{@code
 * ConsoleServer server = ConsoleServer.start(config, services);
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5))));
 * server.blockUntilShutdown();
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** Uploads (models, test data) up to this size. */
    public static final long MAX_UPLOAD_MB = 512;

    private final Javalin app;
    private final ConsoleServices services;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ConsoleServer(Javalin app, ConsoleServices services) {
        this.app = app;
        this.services = services;
    }

    public static ConsoleServer start(ConsoleConfig config, ConsoleServices services) {
        Pages pages = new Pages();
        ErrorPages errors = new ErrorPages(pages);
        AccessControl access = services.access();
        Handlers h = new Handlers(pages, services);
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = MAX_UPLOAD_MB * 1024 * 1024;
            c.jetty.multipartConfig.cacheDirectory(
                    config.workDir().resolve("multipart").toString());
            c.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            c.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_MB, SizeUnit.MB);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            c.staticFiles.enableWebjars();
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
            });
            var r = c.routes;
            r.before(ctx -> {
                String path = ctx.path();
                if (!path.equals("/login")
                        && !path.equals("/health")
                        && !path.startsWith("/webjars/")
                        && !path.startsWith("/static/")) {
                    access.authenticate(ctx);
                }
            });
            r.get("/health", ctx -> ctx.result("ok"));
            r.get("/login", h.login::form);
            r.post("/login", h.login::signIn);
            r.post("/logout", h.login::signOut);
            r.sse("/events", h.events::subscribe);
            r.get("/", as(access, Role.VIEWER, h.home::show));

            r.get("/models", as(access, Role.VIEWER, h.catalog::list));
            r.get("/models/{model}", as(access, Role.VIEWER, h.catalog::model));
            r.get("/models/{model}/versions/{version}", as(access, Role.VIEWER, h.catalog::version));
            r.get("/models/{model}/versions/{version}/card", as(access, Role.VIEWER, h.governance::card));
            r.get("/models/{model}/compare", as(access, Role.VIEWER, h.catalog::compare));
            r.get("/publish", as(access, Role.ADMIN, h.publish::form));
            r.post("/publish", as(access, Role.ADMIN, h.publish::publish));

            r.get("/models/{model}/rollout", as(access, Role.VIEWER, h.rollout::panel));
            r.get("/models/{model}/rollout/charts", as(access, Role.VIEWER, h.rollout::chartData));
            r.get("/models/{model}/deploy", as(access, Role.VIEWER, h.deploy::wizard));
            r.post("/models/{model}/deploy/review", as(access, Role.OPERATOR, h.deploy::review));
            r.post("/models/{model}/deploy", as(access, Role.OPERATOR, h.deploy::publish));

            r.get("/test/predict", as(access, Role.VIEWER, h.predict::form));
            r.post("/test/predict", as(access, Role.OPERATOR, h.predict::predict));
            r.get("/test/upload", as(access, Role.VIEWER, h.upload::form));
            r.post("/test/upload", as(access, Role.OPERATOR, h.upload::upload));
            r.get("/test/upload/{id}", as(access, Role.VIEWER, h.upload::result));
            r.get("/test/upload/{id}/scored.csv", as(access, Role.VIEWER, h.upload::download));
            r.get("/test/load", as(access, Role.VIEWER, h.load::form));
            r.post("/test/load", as(access, Role.OPERATOR, h.load::start));
            r.get("/test/load/{id}", as(access, Role.VIEWER, h.load::status));
            r.post("/test/load/{id}/stop", as(access, Role.OPERATOR, h.load::stop));

            r.get("/monitoring/dead-letters", as(access, Role.VIEWER, h.deadLetters::list));
            r.get("/monitoring/dead-letters/export", as(access, Role.VIEWER, h.deadLetters::export));
            r.post("/monitoring/dead-letters/replay", as(access, Role.OPERATOR, h.deadLetters::replay));
            r.get("/monitoring/drift", as(access, Role.VIEWER, h.drift::show));

            r.get("/governance/audit", as(access, Role.VIEWER, h.governance::audit));
            r.get("/governance/audit/export", as(access, Role.VIEWER, h.governance::export));
            r.get("/governance/underperforming", as(access, Role.VIEWER, h.governance::underperforming));

            r.exception(HttpResponseException.class, (e, ctx) -> errors.show(ctx, e.getStatus(), e.getMessage()));
            r.exception(RolloutException.class, (e, ctx) -> errors.show(ctx, 400, e.getMessage()));
            r.exception(PublishException.class, (e, ctx) -> errors.show(ctx, 400, e.getMessage()));
            r.exception(IllegalArgumentException.class, (e, ctx) -> errors.show(ctx, 400, e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                errors.show(ctx, 500, "internal error: " + e.getMessage());
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    errors.show(ctx, 404, "no page " + ctx.path());
                }
            });
        });
        app.start();
        LOG.info("console listening on http://{}:{}/", config.host(), app.port());
        return new ConsoleServer(app, services);
    }

    /** The handler, run only for users with at least {@code role}. */
    private static Handler as(AccessControl access, Role role, Handler handler) {
        return ctx -> {
            access.require(ctx, role);
            handler.handle(ctx);
        };
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests, lets those in flight finish within {@code grace}, then closes everything. */
    public void stop(Duration grace) {
        app.jettyServer().server().setStopTimeout(grace.toMillis());
        app.stop();
        services.close();
        stopped.countDown();
    }

    public void blockUntilShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
