/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScorerConfigTest {

    @Test
    void aMinimalConfigGetsTheDocumentedDefaults() {
        ScorerConfig c = ScorerConfig.from(MinimalConfig.fraudRoute());
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.batchMaxRecords()).isEqualTo(64);
        assertThat(c.controlTopic()).isEqualTo("_scoring.deployments");
        assertThat(c.statusTopic()).isEqualTo("_scoring.status");
        assertThat(c.monitoring().driftWindow()).isEqualTo(10_000);
        assertThat(c.monitoring().psiThreshold()).isEqualTo(0.2);
        assertThat(c.monitoring().alertsTopic()).isEqualTo("_scoring.alerts");
        assertThat(c.monitoring().auditTopic()).isEmpty();
        assertThat(c.feedback().window()).isEqualTo(Duration.ofDays(7));
        assertThat(c.feedback().qualityTopic()).isEqualTo("_scoring.quality");
        assertThat(c.controllerInterval()).isEqualTo(Duration.ofSeconds(5));
        RouteConfig route = c.routes().get(0);
        assertThat(route.deadLetter()).isEqualTo("tx.dlq");
        assertThat(route.shadow()).isEqualTo("preds.shadow");
        assertThat(route.feedback()).isNull();
        assertThat(route.followsLatest()).isTrue();
    }

    @Test
    void monitoringAndFeedbackKeysAreRead() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.route.fraud.feedback", "outcomes");
        p.setProperty("scorer.feedback.window.ms", "3600000");
        p.setProperty("scorer.drift.window.records", "0");
        p.setProperty("scorer.audit.topic", "audit");
        p.setProperty("scorer.controller.interval.ms", "0");
        ScorerConfig c = ScorerConfig.from(p);
        assertThat(c.routes().get(0).feedback()).isEqualTo("outcomes");
        assertThat(c.feedback().window()).isEqualTo(Duration.ofHours(1));
        assertThat(c.monitoring().driftEnabled()).isFalse();
        assertThat(c.monitoring().auditTopic()).contains("audit");
        assertThat(c.controllerInterval()).isZero();
        assertThat(c.streams().getProperty("max.task.idle.ms")).isEqualTo("500");
    }

    @Test
    void anIncompleteRouteNamesItsMissingKeysInsteadOfSayingNoRouteIsNamed() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.routes", "a");

        assertThatThrownBy(() -> ScorerConfig.from(p))
                .hasMessageContaining("route 'a' is incomplete: set scorer.route.a.input, scorer.route.a.model, "
                        + "scorer.route.a.output")
                .hasMessageNotContaining("names no route");
    }

    @Test
    void anEmptyRouteListSaysHowToNameRoutes() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.routes", " , ");

        assertThatThrownBy(() -> ScorerConfig.from(p)).hasMessageContaining("scorer.routes names no route");
    }

    @Test
    void pollTimeFollowsTheBatchWaitSoSparseTrafficIsFlushedInTime_issue12() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.batch.max.wait.ms", "20");
        assertThat(ScorerConfig.from(p).pollMs()).isEqualTo(10);
        assertThat(ScorerConfig.from(MinimalConfig.fraudRoute()).streams().getProperty("poll.ms"))
                .isEqualTo("2");
        p.setProperty("scorer.batch.max.wait.ms", "60000");
        assertThat(ScorerConfig.from(p).pollMs())
                .as("never longer than Kafka Streams' default")
                .isEqualTo(100);

        p.setProperty("poll.ms", "50");
        assertThat(ScorerConfig.from(p).pollMs()).as("what the user sets wins").isEqualTo(50);

        Properties unbatched = MinimalConfig.fraudRoute();
        unbatched.setProperty("scorer.batch.max.records", "1");
        assertThat(ScorerConfig.from(unbatched).pollMs())
                .as("no batch, nothing waits: Kafka Streams' default")
                .isEqualTo(100);
    }

    @Test
    void aJoiningInstanceTakesItsWarmedUpTasksWithinAMinuteUnlessTheUserSaysOtherwise() {
        assertThat(ScorerConfig.from(MinimalConfig.fraudRoute()).streams().getProperty("probing.rebalance.interval.ms"))
                .as("Kafka Streams' own default is ten minutes")
                .isEqualTo("60000");
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("probing.rebalance.interval.ms", "300000");
        assertThat(ScorerConfig.from(p).streams().getProperty("probing.rebalance.interval.ms"))
                .isEqualTo("300000");
    }

    @Test
    void outputsLingerInTheProducerNoLongerThanRecordsWaitForTheirBatch() {
        assertThat(ScorerConfig.from(MinimalConfig.fraudRoute()).streams().getProperty("producer.linger.ms"))
                .as("Kafka Streams' own default is 100 ms")
                .isEqualTo("5");
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("linger.ms", "20");
        assertThat(ScorerConfig.from(p).streams().getProperty("producer.linger.ms"))
                .as("what the user sets wins")
                .isNull();
    }

    @Test
    void everyProblemIsReportedAtOnceWithWhatToFix() {
        Properties p = MinimalConfig.fraudRoute();
        p.remove("bootstrap.servers");
        p.setProperty("scorer.batch.max.records", "zero");
        p.setProperty("scorer.drift.window.records", "5");
        p.setProperty("scorer.drift.psi.threshold", "-1");
        p.setProperty("scorer.feedback.window.ms", "soon");
        p.setProperty("scorer.route.fraud.version", "v2");
        p.setProperty("scorer.rout.typo", "x");
        assertThatThrownBy(() -> ScorerConfig.from(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers is required")
                .hasMessageContaining("scorer.batch.max.records must be a whole number, not 'zero'")
                .hasMessageContaining("scorer.drift.window.records must be 0 (off) or at least 10, not 5")
                .hasMessageContaining("scorer.drift.psi.threshold must be a positive number")
                .hasMessageContaining("scorer.feedback.window.ms must be a whole number of milliseconds")
                .hasMessageContaining("version must be a positive version number or 'latest', not 'v2'")
                .hasMessageContaining("unknown key scorer.rout.typo");
    }

    @Test
    void aValueOutsideItsRangeNamesTheRangeAndBlankValuesMeanTheDefault() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.admin.port", "70000");
        p.setProperty("scorer.quality.interval.ms", "5");
        assertThatThrownBy(() -> ScorerConfig.from(p))
                .hasMessageContaining("scorer.admin.port must be between -1 and 65535, not 70000")
                .hasMessageContaining("scorer.quality.interval.ms must be between 100 and 2147483647, not 5");

        Properties blank = MinimalConfig.fraudRoute();
        blank.setProperty("scorer.batch.max.records", " ");
        blank.setProperty("scorer.control.topic", "");
        ScorerConfig c = ScorerConfig.from(blank);
        assertThat(c.batchMaxRecords()).isEqualTo(64);
        assertThat(c.controlTopic()).isEqualTo("_scoring.deployments");
    }

    @Test
    void anUnknownKeyListsEveryDefinedKey() {
        Properties p = MinimalConfig.fraudRoute();
        p.setProperty("scorer.batch.records", "8");
        assertThatThrownBy(() -> ScorerConfig.from(p))
                .satisfies(e -> ScorerKeys.SCORER
                        .names()
                        .forEach(key -> assertThat(e.getMessage()).contains(key)))
                .hasMessageContaining(
                        "scorer.route.<name>.{input,model,version,output,dead-letter,shadow," + "feedback,explain}");
    }

    @Test
    void aMissingRepositoryAndAMissingRouteKeyAreReportedTogether() {
        Properties p = MinimalConfig.fraudRoute();
        p.remove("scorer.model.repository");
        p.remove("scorer.route.fraud.output");
        assertThatThrownBy(() -> ScorerConfig.from(p))
                .hasMessageContaining("scorer.model.repository is required (the folder or URL")
                .hasMessageContaining("route 'fraud' is incomplete: set scorer.route.fraud.output");
    }
}
