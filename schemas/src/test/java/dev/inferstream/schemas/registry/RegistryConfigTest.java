/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void readsSeveralUrlsAndStripsTrailingSlash() {
        RegistryConfig config = RegistryConfig.fromProperties(
                Map.of("schema.registry.url", "http://a:8081/, http://b:8081/apis/ccompat/v7/"));
        assertThat(config.urls())
                .containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081/apis/ccompat/v7"));
        assertThat(config.userInfo()).isEmpty();
    }

    @Test
    void takesBasicAuthFromUserInfoKey() {
        RegistryConfig config = RegistryConfig.fromProperties(Map.of(
                "schema.registry.url", "https://registry:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc:secret"));
        assertThat(config.userInfo()).contains("svc:secret");
    }

    @Test
    void takesBasicAuthFromUrl() {
        RegistryConfig config =
                RegistryConfig.fromProperties(Map.of("schema.registry.url", "http://svc:pw@registry:8081"));
        assertThat(config.userInfo()).contains("svc:pw");
        assertThat(config.urls()).containsExactly(URI.create("http://registry:8081"));
    }

    @Test
    void missingUrlSaysWhatToSet() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url is required");
    }

    @Test
    void rejectsNonHttpUrl() {
        assertThatThrownBy(() -> RegistryConfig.of("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL");
    }

    @Test
    void rejectsMalformedUserInfoAndNumbers() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(
                        Map.of("schema.registry.url", "http://r:1", "basic.auth.user.info", "nocolon")))
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> RegistryConfig.fromProperties(
                        Map.of("schema.registry.url", "http://r:1", "schema.registry.max.retries", "many")))
                .hasMessageContaining("schema.registry.max.retries must be a whole number");
    }

    @Test
    void rejectsUnreadableTruststore() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of(
                        "schema.registry.url", "https://r:1",
                        "schema.registry.ssl.truststore.location", "/nonexistent/truststore.p12")))
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("not a readable file");
    }
}
