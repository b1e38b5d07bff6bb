/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.ServingSettings;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.oip.ServingException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Open Inference Protocol's REST endpoints on Javalin (Jetty, HTTP/1.1 with keep-alive). Every route is
 * declared here; handlers only translate between JSON and the {@link InferenceService}. Errors leave as
 * {@code {"error": "…"}} with 400, 404, 413, 503 or 500, never with a stack trace.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Javalin app;

    private RestServer(Javalin app) {
        this.app = app;
    }

    public static RestServer start(ServingSettings settings, InferenceService service, ServingListener listener) {
        HealthHandler health = new HealthHandler(service);
        ModelHandler models = new ModelHandler(service);
        InferHandler infer = new InferHandler(service, listener, settings.maxRequestBytes());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.jetty.host = settings.host();
            config.jetty.port = settings.restPort();
            settings.tls()
                    .ifPresent(tls -> config.jetty.addConnector((server, http) -> {
                        SslContextFactory.Server ssl = new SslContextFactory.Server();
                        ssl.setKeyStorePath(tls.keyStore().toString());
                        ssl.setKeyStorePassword(tls.password());
                        ssl.setKeyStoreType(tls.type());
                        http.addCustomizer(new SecureRequestCustomizer(false));
                        ServerConnector connector = new ServerConnector(
                                server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
                        connector.setHost(settings.host());
                        connector.setPort(settings.restPort());
                        return connector;
                    }));
            config.routes.get("/v2/health/live", health::live);
            config.routes.get("/v2/health/ready", health::ready);
            config.routes.get("/v2", health::metadata);
            config.routes.get("/v2/models/{model}", models::metadata);
            config.routes.get("/v2/models/{model}/versions/{version}", models::metadata);
            config.routes.get("/v2/models/{model}/ready", models::ready);
            config.routes.get("/v2/models/{model}/versions/{version}/ready", models::ready);
            config.routes.post("/v2/models/{model}/infer", infer::infer);
            config.routes.post("/v2/models/{model}/versions/{version}/infer", infer::infer);
            config.routes.post("/v1/models/{model}:explain", infer::explain);
            config.routes.exception(ServingException.class, (e, ctx) -> Responses.error(ctx, e));
            config.routes.exception(
                    HttpResponseException.class,
                    (e, ctx) -> Responses.json(
                            ctx,
                            e.getStatus(),
                            JsonCodec.error(
                                    e.getStatus() == 404
                                            ? "no such endpoint: " + ctx.method() + " " + ctx.path()
                                            : e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Responses.json(ctx, 500, JsonCodec.error("internal error: " + e));
            });
        });
        app.start();
        return new RestServer(app);
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests, lets those in flight finish within {@code graceMillis}, then closes. */
    public void stop(long graceMillis) {
        app.jettyServer().server().setStopTimeout(graceMillis);
        app.stop();
    }

    @Override
    public void close() {
        stop(5_000);
    }
}
