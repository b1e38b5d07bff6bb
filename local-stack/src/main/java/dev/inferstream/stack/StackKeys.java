/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The secured stack's key material in {@code <dir>/security}, made once with the JDK's keytool: a self-signed
 * certificate for 127.0.0.1 and localhost (the brokers' and the registry's), a trust store holding it, and the
 * password of the {@code admin} super user. Kept across restarts so that client configurations stay valid.
 */
record StackKeys(Path folder, String storePassword, String adminPassword) {
    /** The principal of the brokers' certificate, which they present to each other's controller listener. */
    static final String BROKER_PRINCIPAL = "User:CN=inferstream-local-stack";

    static final String ADMIN = "admin";
    private static final String SECRETS = "secrets.properties";

    /** Loads the key material of {@code dir}, making it first when it is missing. */
    static StackKeys ensure(Path dir) throws IOException, InterruptedException {
        Path folder = dir.resolve("security");
        Path secrets = folder.resolve(SECRETS);
        if (Files.isRegularFile(secrets) && Files.isRegularFile(folder.resolve("truststore.p12"))) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(secrets)) {
                p.load(in);
            }
            return new StackKeys(folder, p.getProperty("store.password"), p.getProperty("admin.password"));
        }
        Files.createDirectories(folder);
        StackKeys keys = new StackKeys(folder, secret(), secret());
        keys.makeStores(dir.resolve("logs/keytool.log"));
        Properties p = new Properties();
        p.setProperty("store.password", keys.storePassword);
        p.setProperty("admin.password", keys.adminPassword);
        try (Writer out = Files.newBufferedWriter(secrets)) {
            p.store(out, "passwords of the local stack's key stores and of its admin user");
        }
        return keys;
    }

    @Override
    public String toString() {
        return "StackKeys[" + folder + "]";
    }

    Path keystore() {
        return folder.resolve("broker.p12");
    }

    Path truststore() {
        return folder.resolve("truststore.p12");
    }

    /** The admin's client configuration, written by {@link #writeClientConfig}. */
    Path adminConfig() {
        return folder.resolve("admin.properties");
    }

    /** The {@code --add-scram} value that creates the admin user when the storage is formatted. */
    String adminScram() {
        return "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + adminPassword + "]";
    }

    List<String> brokerProperties() {
        return List.of(
                "listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaas(ADMIN, adminPassword),
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore(),
                "ssl.keystore.password=" + storePassword,
                "ssl.key.password=" + storePassword,
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + truststore(),
                "ssl.truststore.password=" + storePassword,
                // brokers prove who they are to the controllers with their certificate
                "listener.name.controller.ssl.client.auth=required",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + ADMIN + ";" + BROKER_PRINCIPAL);
    }

    /**
     * Client settings for {@code user} on this stack: SASL_SSL with SCRAM-SHA-512, the trust store for Kafka and the
     * registry, and the addresses.
     */
    Properties clientProperties(String user, String password, String bootstrapServers, String registryUrl) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        p.setProperty("sasl.jaas.config", jaas(user, password));
        p.setProperty("ssl.truststore.type", "PKCS12");
        p.setProperty("ssl.truststore.location", truststore().toString());
        p.setProperty("ssl.truststore.password", storePassword);
        p.setProperty("schema.registry.url", registryUrl);
        p.setProperty("schema.registry.ssl.truststore.type", "PKCS12");
        p.setProperty("schema.registry.ssl.truststore.location", truststore().toString());
        p.setProperty("schema.registry.ssl.truststore.password", storePassword);
        return p;
    }

    void writeClientConfig(String bootstrapServers, String registryUrl) throws IOException {
        try (Writer out = Files.newBufferedWriter(adminConfig())) {
            clientProperties(ADMIN, adminPassword, bootstrapServers, registryUrl)
                    .store(out, "the local stack's super user: --client-config for scorerctl, kafka-topics, ...");
        }
    }

    /** An HTTP client that trusts the stack's certificate, to ask the registry whether it is up. */
    HttpClient httpClient() throws IOException {
        try (InputStream in = Files.newInputStream(truststore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, storePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the stack's trust store " + truststore() + ": " + e.getMessage(), e);
        }
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private void makeStores(Path log) throws IOException, InterruptedException {
        Path cert = folder.resolve("broker.crt");
        keytool(
                log,
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3650",
                "-dname",
                "CN=inferstream-local-stack",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore().toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                storePassword,
                "-keypass",
                storePassword);
        keytool(
                log,
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore().toString(),
                "-storepass",
                storePassword,
                "-file",
                cert.toString());
        keytool(
                log,
                "-importcert",
                "-noprompt",
                "-alias",
                "inferstream-local-stack",
                "-file",
                cert.toString(),
                "-keystore",
                truststore().toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                storePassword);
    }

    private void keytool(Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed; see " + log);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
