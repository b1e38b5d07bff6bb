/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.streaming.config.ScorerConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OutputSchemasTest {

    @Test
    void everyTopicTheScorerWritesHasItsValueSchemaRegisteredAtStartUp() {
        Properties p = new Properties();
        p.setProperty("application.id", "scorer");
        p.setProperty("bootstrap.servers", "localhost:9092");
        p.setProperty("schema.registry.url", "http://localhost:8081");
        p.setProperty("scorer.model.repository", "/models");
        p.setProperty("scorer.routes", "fraud,churn");
        p.setProperty("scorer.route.fraud.input", "tx");
        p.setProperty("scorer.route.fraud.model", "fraud");
        p.setProperty("scorer.route.fraud.output", "tx.scored");
        p.setProperty("scorer.route.fraud.feedback", "tx.outcomes");
        p.setProperty("scorer.route.churn.input", "usage");
        p.setProperty("scorer.route.churn.model", "churn");
        p.setProperty("scorer.route.churn.output", "usage.scored");
        p.setProperty("scorer.route.churn.dead-letter", "shared.dlq");
        p.setProperty("scorer.audit.topic", "audit");
        p.setProperty("scorer.serving.rest.port", "0");
        p.setProperty("scorer.serving.model.fraud.request-log", "fraud-requests");

        assertThat(OutputSchemas.of(ScorerConfig.from(p)))
                .containsOnly(
                        entry("tx.scored", Prediction.getClassSchema()),
                        entry("tx.scored.shadow", Prediction.getClassSchema()),
                        entry("tx.dlq", DeadLetter.getClassSchema()),
                        entry("_scoring.quality", QualityStats.getClassSchema()),
                        entry("usage.scored", Prediction.getClassSchema()),
                        entry("usage.scored.shadow", Prediction.getClassSchema()),
                        entry("shared.dlq", DeadLetter.getClassSchema()),
                        entry("fraud-requests", Prediction.getClassSchema()),
                        entry("audit", Audit.getClassSchema()),
                        entry("_scoring.status", ScorerStatus.getClassSchema()),
                        entry("_scoring.alerts", Alert.getClassSchema()));
    }
}
