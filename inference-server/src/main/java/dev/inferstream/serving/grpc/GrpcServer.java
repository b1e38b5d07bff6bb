/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.grpc;

import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.ServingSettings;
import dev.inferstream.serving.oip.InferenceService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/** The Open Inference Protocol's gRPC service on grpc-java (Netty), plain text or TLS. */
public final class GrpcServer implements AutoCloseable {
    private final Server server;

    private GrpcServer(Server server) {
        this.server = server;
    }

    public static GrpcServer start(ServingSettings settings, InferenceService service, ServingListener listener)
            throws IOException {
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress(settings.host(), settings.grpcPort()), credentials(settings))
                .addService(new GrpcInferenceService(service, listener))
                .maxInboundMessageSize((int) settings.maxRequestBytes())
                .build();
        server.start();
        return new GrpcServer(server);
    }

    private static ServerCredentials credentials(ServingSettings settings) throws IOException {
        if (settings.tls().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        ServingSettings.Tls tls = settings.tls().get();
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            KeyStore store = KeyStore.getInstance(tls.type());
            store.load(in, tls.password().toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, tls.password().toCharArray());
            return TlsServerCredentials.newBuilder()
                    .keyManager(keys.getKeyManagers())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key store " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Stops accepting calls, lets those in flight finish within {@code graceMillis}, then cancels the rest. */
    public void stop(long graceMillis) {
        server.shutdown();
        try {
            if (!server.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(5_000);
    }
}
