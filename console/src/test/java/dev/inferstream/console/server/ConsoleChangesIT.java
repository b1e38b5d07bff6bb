/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.ConsoleModels;
import dev.inferstream.console.WebClient;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy wizard's patterns and the rollout panel's buttons over real HTTP, on the shared broker and registry:
 * each change reviewed as its scorerctl command line with the traffic split it makes, published to the control
 * topic with the user as changedBy. Each test has its own model.
 */
@ExtendWith(LocalStackExtension.class)
class ConsoleChangesIT {
    @TempDir
    static Path dir;

    static ConsoleFixture console;

    @BeforeAll
    static void start(TestStack stack) throws Exception {
        console = ConsoleFixture.start(stack, dir, Map.of());
        for (String model : List.of("ab", "bandit", "ensemble", "cascade", "restored", "gated")) {
            ConsoleModels.publish(console.repository, model, 1);
            ConsoleModels.publish(console.repository, model, 2);
        }
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anAbExperimentIsReviewedWithItsArmsAndReachesTheControlTopic() {
        WebClient web = deployedV1("ab");
        Map<String, String> fields =
                Map.of("pattern", "ab", "arms", "control=1:70\ntreatment=2:30", "reason", "try v2");
        assertThat(console.review(web, "ab", fields))
                .contains("scorerctl ab ab --arm control=1:70 --arm treatment=2:30")
                .contains("v1 arm control 70 %", "v2 arm treatment 30 %");
        console.publish(web, "ab", fields);
        Deployment published = last("ab");
        assertThat(published.getExperiment().getArms())
                .extracting(a -> a.getName() + "=" + a.getVersion() + ":" + a.getWeight())
                .containsExactly("control=1:70", "treatment=2:30");
        assertThat(published.getChangedBy()).isEqualTo("otto");
        assertThat(published.getReason()).isEqualTo("try v2");
        assertThat(web.get("/models/ab/rollout").body()).contains("v1 arm control 70 %, v2 arm treatment 30 %");
    }

    @Test
    void aBanditIsReviewedWithItsEvenStartingSharesAndReachesTheControlTopic() {
        WebClient web = deployedV1("bandit");
        Map<String, String> fields = Map.of(
                "pattern", "bandit",
                "arms", "a=1\nb=2",
                "reward", "binary",
                "min-percent", "10",
                "update-every", "30s");
        assertThat(console.review(web, "bandit", fields))
                .contains("scorerctl bandit bandit --arm a=1 --arm b=2 --reward binary --min-percent 10"
                        + " --update-every 30s")
                .contains("v1 bandit arm a 50 %", "v2 bandit arm b 50 %");
        console.publish(web, "bandit", fields);
        Deployment published = last("bandit");
        assertThat(published.getBandit().getMinBasisPoints()).isEqualTo(1_000);
        assertThat(published.getBandit().getUpdateIntervalMs()).isEqualTo(30_000L);
        assertThat(published.getBandit().getArms()).hasSize(2);
    }

    @Test
    void anEnsembleIsReviewedWithItsMembersAndReachesTheControlTopic() {
        WebClient web = deployedV1("ensemble");
        Map<String, String> fields = Map.of("pattern", "ensemble", "members", "1\n2:3", "combiner", "weighted-mean");
        assertThat(console.review(web, "ensemble", fields))
                .contains("scorerctl ensemble ensemble --member 1 --member 2:3 --combiner weighted-mean")
                .contains("v1 ensemble member 100 %", "v2 ensemble member 100 %");
        console.publish(web, "ensemble", fields);
        assertThat(last("ensemble").getEnsemble().getMembers())
                .extracting(m -> m.getVersion() + ":" + m.getWeight())
                .containsExactly("1:1.0", "2:3.0");
    }

    @Test
    void aCascadeIsReviewedWithItsStagesAndReachesTheControlTopic() {
        WebClient web = deployedV1("cascade");
        Map<String, String> fields =
                Map.of("pattern", "cascade", "first", "1", "second", "2", "threshold", "0.8", "confidence", "margin");
        assertThat(console.review(web, "cascade", fields))
                .contains("scorerctl cascade cascade --first 1 --second 2 --threshold 0.8 --confidence margin")
                .contains("v1 cascade first 100 %", "v2 cascade second (unsure records) 0 %");
        console.publish(web, "cascade", fields);
        assertThat(last("cascade").getCascade().getThreshold()).isEqualTo(0.8);

        HttpResponse<String> refused = web.postForm(
                "/models/cascade/deploy/review", Map.of("pattern", "cascade", "first", "1", "second", "2"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"wizard-error\"", "threshold is missing: fill it in");
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

        HttpResponse<String> stale = web.postForm(
                "/models/restored/deploy", Map.of("pattern", "deploy", "version", "2", "expected-revision", "2"));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("restored changed since you reviewed this change (revision 2 → 3 by otto)");
    }

    @Test
    void aGatedCanaryShowsItsGatesWithTheirValuesAndWhatRemains() {
        WebClient web = deployedV1("gated");
        Map<String, String> fields = Map.of(
                "pattern", "canary",
                "version", "2",
                "percent", "10",
                "max-error-rate-increase", "0.01",
                "max-latency-ratio", "1.5",
                "min-samples", "50",
                "observe", "10m");
        assertThat(console.review(web, "gated", fields))
                .contains("scorerctl canary gated 2 --percent 10 --max-error-rate-increase 0.01"
                        + " --max-latency-ratio 1.5 --min-samples 50 --observe 10m")
                .contains("v1 stable 90 %", "v2 gated canary 10 %");
        console.publish(web, "gated", fields);
        String panel = web.get("/models/gated/rollout").body();
        assertThat(between(panel, "id=\"gate-error-rate-increase\"", "</tr>"))
                .contains("≤ 0.01<", "waiting for data", "undecided");
        assertThat(between(panel, "id=\"gate-p99-latency-ratio\"", "</tr>")).contains("≤ 1.5<", "waiting for data");
        assertThat(between(panel, "id=\"gate-samples\"", "</tr>")).contains("≥ 50", ">0<", "undecided");
        assertThat(between(panel, "id=\"gate-observation\"", "</tr>"))
                .contains("600 s")
                .containsPattern("\\d+ s \\(\\d+ s to go\\)");
        assertThat(last("gated").getCanary().getGates().getObservationMs()).isEqualTo(600_000L);
    }

    /** Signs otto in and deploys v1 of {@code model}. */
    private static WebClient deployedV1(String model) {
        WebClient web = console.signedIn("otto");
        console.publish(web, model, Map.of("pattern", "deploy", "version", "1"));
        return web;
    }

    /** The newest revision on the control topic, read by the control plane (not the console's state). */
    private static Deployment last(String model) {
        List<Deployment> history = console.services.control().history(model);
        return history.get(history.size() - 1);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from + " in the page").isNotNegative();
        int end = text.indexOf(to, start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
