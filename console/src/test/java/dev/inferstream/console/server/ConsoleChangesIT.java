/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import static dev.inferstream.console.HtmlText.between;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.WebClient;
import dev.inferstream.schemas.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deploy wizard's patterns and the rollout panel's buttons over real HTTP, on the shared broker and registry:
 * each change reviewed as its scorerctl command line with the traffic split it makes, published to the control
 * topic with the user as changedBy. Each test has its own model.
 */
class ConsoleChangesIT {
    @RegisterExtension
    static final ConsoleFixture console =
            ConsoleFixture.aroundClass(2, "ab", "bandit", "ensemble", "cascade", "restored", "gated");

    @Test
    void anAbExperimentIsReviewedWithItsArmsAndReachesTheControlTopic() {
        Deployment published = changed(
                "ab",
                Map.of("pattern", "ab", "arms", "control=1:70\ntreatment=2:30", "reason", "try v2"),
                "scorerctl ab ab --arm control=1:70 --arm treatment=2:30",
                "v1 arm control 70 %",
                "v2 arm treatment 30 %");
        assertThat(published.getExperiment().getArms())
                .extracting(a -> a.getName() + "=" + a.getVersion() + ":" + a.getWeight())
                .containsExactly("control=1:70", "treatment=2:30");
        assertThat(published.getChangedBy()).isEqualTo("otto");
        assertThat(published.getReason()).isEqualTo("try v2");
        assertThat(console.signedIn("vera").get("/models/ab/rollout").body())
                .contains("v1 arm control 70 %, v2 arm treatment 30 %");
    }

    @Test
    void aBanditIsReviewedWithItsEvenStartingSharesAndReachesTheControlTopic() {
        Deployment published = changed(
                "bandit",
                Map.of(
                        "pattern",
                        "bandit",
                        "arms",
                        "a=1\nb=2",
                        "reward",
                        "binary",
                        "min-percent",
                        "10",
                        "update-every",
                        "30s"),
                "scorerctl bandit bandit --arm a=1 --arm b=2 --reward binary --min-percent 10 --update-every 30s",
                "v1 bandit arm a 50 %",
                "v2 bandit arm b 50 %");
        assertThat(published.getBandit().getMinBasisPoints()).isEqualTo(1_000);
        assertThat(published.getBandit().getUpdateIntervalMs()).isEqualTo(30_000L);
        assertThat(published.getBandit().getArms()).hasSize(2);
    }

    @Test
    void anEnsembleIsReviewedWithItsMembersAndReachesTheControlTopic() {
        Deployment published = changed(
                "ensemble",
                Map.of("pattern", "ensemble", "members", "1\n2:3", "combiner", "weighted-mean"),
                "scorerctl ensemble ensemble --member 1 --member 2:3 --combiner weighted-mean",
                "v1 ensemble member 100 %",
                "v2 ensemble member 100 %");
        assertThat(published.getEnsemble().getMembers())
                .extracting(m -> m.getVersion() + ":" + m.getWeight())
                .containsExactly("1:1.0", "2:3.0");
    }

    @Test
    void aCascadeIsReviewedWithItsStagesAndReachesTheControlTopic() {
        Deployment published = changed(
                "cascade",
                Map.of("pattern", "cascade", "first", "1", "second", "2", "threshold", "0.8", "confidence", "margin"),
                "scorerctl cascade cascade --first 1 --second 2 --threshold 0.8 --confidence margin",
                "v1 cascade first 100 %",
                "v2 cascade second (unsure records) 0 %");
        assertThat(published.getCascade().getThreshold()).isEqualTo(0.8);

        WebClient web = console.signedIn("otto");
        web.get("/models/cascade/deploy");
        assertThat(web.postForm(
                        "/models/cascade/deploy/review",
                        Map.of("pattern", "cascade", "first", "1", "second", "2"),
                        400))
                .contains("id=\"wizard-error\"", "threshold is missing: fill it in");
    }

    @Test
    void anEarlierRevisionIsRestoredFromTheHistory() {
        WebClient web = deployedV1("restored");
        console.publish(web, "restored", Map.of("pattern", "deploy", "version", "2"));
        String panel = web.get("/models/restored/rollout").body();
        assertThat(panel).contains("id=\"restore-1\"").doesNotContain("id=\"restore-2\"");

        Map<String, String> restore = Map.of("pattern", "restore", "revision", "1");
        String review = console.review(web, "restored", restore);
        assertThat(review).contains("scorerctl restore restored 1");
        assertThat(between(review, "id=\"split-now\"", "</ul>")).contains("v2 stable 100 %");
        assertThat(between(review, "id=\"split-after\"", "</ul>")).contains("v1 stable 100 %");
        Deployment restored = console.publish(web, "restored", restore);
        assertThat(restored.getRevision()).isEqualTo(3);
        assertThat(restored.getStable()).isEqualTo(1);
        assertThat(last("restored").getStable()).isEqualTo(1);

        assertThat(web.postForm(
                        "/models/restored/deploy",
                        Map.of("pattern", "deploy", "version", "2", "expected-revision", "2"),
                        400))
                .contains("restored changed since you reviewed this change (revision 2 → 3 by otto)");
    }

    @Test
    void aGatedCanaryShowsItsGatesWithTheirValuesAndWhatRemains() {
        Deployment published = changed(
                "gated",
                Map.of(
                        "pattern", "canary",
                        "version", "2",
                        "percent", "10",
                        "max-error-rate-increase", "0.01",
                        "max-latency-ratio", "1.5",
                        "min-samples", "50",
                        "observe", "10m"),
                "scorerctl canary gated 2 --percent 10 --max-error-rate-increase 0.01 --max-latency-ratio 1.5"
                        + " --min-samples 50 --observe 10m",
                "v1 stable 90 %",
                "v2 gated canary 10 %");
        assertThat(published.getCanary().getGates().getObservationMs()).isEqualTo(600_000L);
        String panel = console.signedIn("vera").get("/models/gated/rollout").body();
        assertThat(between(panel, "id=\"gate-error-rate-increase\"", "</tr>"))
                .contains("≤ 0.01<", "waiting for data", "undecided");
        assertThat(between(panel, "id=\"gate-p99-latency-ratio\"", "</tr>")).contains("≤ 1.5<", "waiting for data");
        assertThat(between(panel, "id=\"gate-samples\"", "</tr>"))
                .contains("≥ 50", ">0<", "undecided", "50 more canary records");
        assertThat(between(panel, "id=\"gate-observation\"", "</tr>"))
                .contains("600 s")
                .containsPattern(">\\d+ s<")
                .containsPattern("\\d+ s to go");
        assertThat(between(panel, "id=\"gates-decision\"", "</p>"))
                .contains("No decision yet: waiting for 50 more canary records, ")
                .contains(" s of observation.");
    }

    /**
     * Deploys v1 of {@code model} as otto, reviews {@code fields} as its next change (the review shows
     * {@code command} and the split after it), publishes it, and returns it as read back from the control topic.
     */
    private static Deployment changed(String model, Map<String, String> fields, String command, String... split) {
        WebClient web = deployedV1(model);
        assertThat(console.review(web, model, fields)).contains(command).contains(split);
        console.publish(web, model, fields);
        return last(model);
    }

    /** Signs otto in and deploys v1 of {@code model}. */
    private static WebClient deployedV1(String model) {
        WebClient web = console.signedIn("otto");
        console.publish(web, model, Map.of("pattern", "deploy", "version", "1"));
        return web;
    }

    /** The newest revision on the control topic, read by the control plane (not the console's state). */
    private static Deployment last(String model) {
        List<Deployment> history = console.services().control().history(model);
        return history.get(history.size() - 1);
    }
}
