/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.ServerLiveRequest;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a key store configured, both ports speak TLS only, with the store's certificate. */
class TlsIT {
    private static final String PASSWORD = "changeit";

    @Test
    void bothPortsServeTlsWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue())
                .as(new String(keytool.getInputStream().readAllBytes()))
                .isZero();
        TrustManagerFactory trust = trust(store);

        ServingSettings settings = ServingSettings.of(0, 0).withTls(new ServingSettings.Tls(store, PASSWORD, "PKCS12"));
        try (ServingFixture fixture = new ServingFixture(dir.resolve("srv"), BatchSettings.off(), settings)) {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> live = https.send(
                    HttpRequest.newBuilder(
                                    URI.create("https://localhost:" + fixture.server.restPort() + "/v2/health/live"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("{\"live\":true}");
            assertThat(catchThrowable(() -> fixture.get("/v2/health/live")))
                    .as("plain HTTP is refused")
                    .isNotNull();

            ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                            "localhost",
                            fixture.server.grpcPort(),
                            TlsChannelCredentials.newBuilder()
                                    .trustManager(trust.getTrustManagers())
                                    .build())
                    .build();
            try {
                assertThat(GRPCInferenceServiceGrpc.newBlockingStub(channel)
                                .serverLive(ServerLiveRequest.getDefaultInstance())
                                .getLive())
                        .isTrue();
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static TrustManagerFactory trust(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory;
    }
}
