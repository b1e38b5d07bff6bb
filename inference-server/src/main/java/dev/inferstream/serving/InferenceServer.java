/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import dev.inferstream.serving.grpc.GrpcServer;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.rest.RestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Open Inference Protocol server: REST, gRPC or both over one {@link InferenceService}.
 *
 * <pre>{@code
 * ModelInferenceService service = new ModelInferenceService(models, Set.of("fraud"), "scorer-1",
 *         new BatchSettings(64, Duration.ZERO), ServingListener.NONE);
 * InferenceServer server = InferenceServer.start(ServingSettings.of(8000, 8001), service, ServingListener.NONE);
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5))));
 * server.blockUntilShutdown();
 * }</pre>
 */
public final class InferenceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);

    private final RestServer rest;
    private final GrpcServer grpc;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private InferenceServer(RestServer rest, GrpcServer grpc) {
        this.rest = rest;
        this.grpc = grpc;
    }

    /**
     * Starts the servers the settings ask for.
     *
     * @throws IOException when a port cannot be bound or the TLS key store cannot be read; nothing is left open
     */
    public static InferenceServer start(ServingSettings settings, InferenceService service, ServingListener listener)
            throws IOException {
        RestServer rest = null;
        GrpcServer grpc = null;
        try {
            if (settings.restPort() >= 0) {
                rest = RestServer.start(settings, service, listener);
            }
            if (settings.grpcPort() >= 0) {
                grpc = GrpcServer.start(settings, service, listener);
            }
        } catch (IOException | RuntimeException e) {
            if (rest != null) {
                rest.stop(0);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        InferenceServer server = new InferenceServer(rest, grpc);
        LOG.info(
                "Open Inference Protocol served on REST port {} and gRPC port {}{}",
                server.restPort(),
                server.grpcPort(),
                settings.tls().isPresent() ? " (TLS)" : "");
        return server;
    }

    /** The REST port, or -1 when REST is off. */
    public int restPort() {
        return rest == null ? -1 : rest.port();
    }

    /** The gRPC port, or -1 when gRPC is off. */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.port();
    }

    /** Stops accepting requests and lets those in flight finish within {@code grace}. */
    public void stop(Duration grace) {
        if (stopped.getCount() == 0) {
            return;
        }
        if (grpc != null) {
            grpc.stop(grace.toMillis());
        }
        if (rest != null) {
            rest.stop(grace.toMillis());
        }
        stopped.countDown();
    }

    /** Waits until {@link #stop} has run. */
    public void blockUntilShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
