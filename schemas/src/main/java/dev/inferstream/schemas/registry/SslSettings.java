/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Key and trust stores for talking TLS (optionally mutual TLS) to the registry. */
public record SslSettings(
        Optional<Path> truststore,
        String truststoreType,
        char[] truststorePassword,
        Optional<Path> keystore,
        String keystoreType,
        char[] keystorePassword,
        char[] keyPassword) {

    public static final String PREFIX = "schema.registry.ssl.";

    static Optional<SslSettings> fromProperties(Map<String, ?> props) {
        Optional<Path> truststore = path(props, "truststore.location");
        Optional<Path> keystore = path(props, "keystore.location");
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return Optional.empty();
        }
        char[] keystorePassword = secret(props, "keystore.password");
        char[] keyPassword = secret(props, "key.password");
        return Optional.of(new SslSettings(
                truststore,
                RegistryConfig.string(props, PREFIX + "truststore.type", "PKCS12"),
                secret(props, "truststore.password"),
                keystore,
                RegistryConfig.string(props, PREFIX + "keystore.type", "PKCS12"),
                keystorePassword,
                keyPassword.length == 0 ? keystorePassword : keyPassword));
    }

    SSLContext context() {
        try {
            TrustManagerFactory tmf = null;
            if (truststore.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(truststore.get(), truststoreType, truststorePassword));
            }
            KeyManagerFactory kmf = null;
            if (keystore.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keystore.get(), keystoreType, keystorePassword), keyPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot set up TLS for the schema registry from " + PREFIX + "* settings: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String type, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.length == 0 ? null : password);
        }
        return store;
    }

    private static Optional<Path> path(Map<String, ?> props, String key) {
        String value = RegistryConfig.string(props, PREFIX + key, "");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(PREFIX + key + " points to " + path + ", which is not a readable file");
        }
        return Optional.of(path);
    }

    private static char[] secret(Map<String, ?> props, String key) {
        return RegistryConfig.string(props, PREFIX + key, "").toCharArray();
    }
}
