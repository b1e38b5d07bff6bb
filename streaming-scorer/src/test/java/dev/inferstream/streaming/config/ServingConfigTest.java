/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code scorer.serving.*} keys: defaults, what routes lend served models, and every problem at once. */
class ServingConfigTest {

    private static Properties base() {
        Properties p = new Properties();
        p.setProperty("application.id", "x");
        p.setProperty("bootstrap.servers", "localhost:1");
        p.setProperty("schema.registry.url", "http://localhost:1");
        p.setProperty("scorer.model.repository", "/models");
        return p;
    }

    @Test
    void routesAreOptionalOnlyWhenRequestsAreServed() {
        Properties p = base();
        assertThat(catchThrowable(() -> ScorerConfig.from(p)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.routes is required")
                .hasMessageContaining("unless scorer.serving.rest.port or scorer.serving.grpc.port");
        p.setProperty("scorer.serving.grpc.port", "0");
        assertThat(catchThrowable(() -> ScorerConfig.from(p)))
                .hasMessageContaining("scorer.serving.models names no model");
        p.setProperty("scorer.serving.models", "fraud");
        ServingConfig serving = ScorerConfig.from(p).serving();
        assertThat(serving.enabled()).isTrue();
        assertThat(serving.restPort()).isEqualTo(-1);
        assertThat(serving.models())
                .singleElement()
                .isEqualTo(new ServingConfig.ServedModel("fraud", "latest", null, null));
        assertThat(serving.batchMaxRecords()).isEqualTo(64);
        assertThat(serving.batchMaxDelay()).isEqualTo(Duration.ZERO);
        assertThat(serving.maxRequestBytes()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void servedModelsDefaultToTheRoutesModelsWithTheirVersionAndShadowTopic() {
        Properties p = base();
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", "txns");
        p.setProperty("scorer.route.main.model", "fraud");
        p.setProperty("scorer.route.main.version", "3");
        p.setProperty("scorer.route.main.output", "scores");
        p.setProperty("scorer.serving.rest.port", "8000");
        p.setProperty("scorer.serving.model.fraud.request-log", "fraud-requests");
        p.setProperty("scorer.serving.batch.max.delay.us", "250");
        ServingConfig serving = ScorerConfig.from(p).serving();
        assertThat(serving.models())
                .containsExactly(new ServingConfig.ServedModel("fraud", "3", "scores.shadow", "fraud-requests"));
        assertThat(serving.batchMaxDelay()).isEqualTo(Duration.ofNanos(250_000));
        p.remove("scorer.serving.rest.port");
        p.remove("scorer.serving.model.fraud.request-log");
        assertThat(ScorerConfig.from(p).serving().enabled()).isFalse();
    }

    @Test
    void everyServingProblemIsReportedAtOnce() {
        Properties p = base();
        p.setProperty("scorer.serving.rest.port", "9000");
        p.setProperty("scorer.serving.grpc.port", "9000");
        p.setProperty("scorer.serving.models", "fraud");
        p.setProperty("scorer.serving.model.fraud.version", "two");
        p.setProperty("scorer.serving.model.churn.shadow", "x");
        p.setProperty("scorer.serving.batch.max.records", "0");
        p.setProperty("scorer.serving.tls.keystore.location", "/no/such/store.p12");
        p.setProperty("scorer.serving.port", "1");
        assertThat(catchThrowable(() -> ScorerConfig.from(p)))
                .hasMessageContaining("are both 9000")
                .hasMessageContaining("scorer.serving.model.fraud.version must be a positive version number")
                .hasMessageContaining("configures model 'churn', which is not served")
                .hasMessageContaining("scorer.serving.batch.max.records must be between 1")
                .hasMessageContaining("/no/such/store.p12 is not a readable file")
                .hasMessageContaining("scorer.serving.tls.keystore.password is required")
                .hasMessageContaining("unknown key scorer.serving.port");
    }
}
