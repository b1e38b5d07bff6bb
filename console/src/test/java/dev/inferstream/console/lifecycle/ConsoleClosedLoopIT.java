/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import static dev.inferstream.console.HtmlText.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.ConsoleModels;
import dev.inferstream.console.JudgedTraffic;
import dev.inferstream.console.JudgedTraffic.Judged;
import dev.inferstream.console.Resources;
import dev.inferstream.console.RunningScorer;
import dev.inferstream.console.WebClient;
import dev.inferstream.console.web.Format;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout panel and the underperforming list fed by a running streaming scorer with real traffic and real
 * feedback joined by the scorer (observed labels are what v2 says, so v2 is always right and v1 about half the
 * time): a gated canary's gate values, the quality drop of v1 made stable again, and a bandit's shares over time as
 * its controller moves them (last, as the controller may publish at any time from then on). Steps in order, one
 * scorer.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleClosedLoopIT {
    static final String MODEL = "loop";
    static final TestModels.LogisticRegression V2 = TestModels.logisticRegression(ConsoleModels.FEATURES, 2);

    @TempDir
    static Path dir;

    static RunningScorer running;
    static ConsoleFixture console;
    static JudgedTraffic traffic;
    static WebClient otto;

    @BeforeAll
    static void start(TestStack stack) throws Exception {
        String feedback = stack.newTopic("feedback", 2);
        running = RunningScorer.start(
                stack,
                dir,
                MODEL,
                2,
                Map.of(
                        "scorer.route.main.feedback", feedback,
                        "scorer.status.interval.ms", "300",
                        "scorer.quality.interval.ms", "300",
                        "scorer.controller.interval.ms", "500"));
        console = ConsoleFixture.start(stack, dir, running.consoleKeys);
        traffic =
                JudgedTraffic.start(stack, running, feedback, MODEL, x -> V2.probability(x) >= 0.5 ? "fraud" : "legit");
        otto = console.signedIn("otto");
        deploy(Map.of("pattern", "deploy", "version", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(traffic, console, running);
    }

    @Test
    @Order(1)
    void aGatedCanarysGatesShowTheScorersFiguresAndWhatRemainsAsTrafficAndFeedbackArrive() {
        deploy(Map.of(
                "pattern", "canary",
                "version", "2",
                "percent", "50",
                "max-error-rate-increase", "0.5",
                "max-latency-ratio", "1000",
                "max-accuracy-drop", "0.5",
                "min-samples", "40",
                "observe", "10m"));
        String before = panel();
        assertThat(element(before, "gate-samples")).contains(">0<", "40 more canary records", "undecided");
        assertThat(element(before, "gate-accuracy-drop")).contains("waiting for data", "judged 0 canary, 0 stable");
        assertThat(element(before, "gates-decision")).contains("No decision yet: waiting for 40 more canary records");

        List<Judged> judged = traffic.round("canary", 300);
        long canary = judged.stream().filter(j -> j.arm().equals("canary")).count();
        assertThat(canary).as("canary records at 50 %").isBetween(100L, 200L);
        awaitJoined(traffic.judged().size());
        String drop = RolloutView.fmt(
                JudgedTraffic.accuracy(judged, 1, "stable") - JudgedTraffic.accuracy(judged, 2, "canary"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String panel = panel();
            assertThat(element(panel, "gate-samples")).contains(">" + canary + "<", "passing");
            assertThat(element(panel, "gate-error-rate-increase")).contains(">0<", "passing");
            assertThat(element(panel, "gate-p99-latency-ratio")).contains(">" + latencyRatio() + "<", "passing");
            assertThat(element(panel, "gate-accuracy-drop")).contains(">" + drop + "<", "passing");
            assertThat(element(panel, "gate-observation")).contains("s to go", "undecided");
            assertThat(element(panel, "gates-decision"))
                    .contains("No decision yet: waiting for")
                    .contains("s of observation")
                    .doesNotContain("canary records");
        });
        assertThat(console.services().control().current(MODEL).orElseThrow().getCanary())
                .as("the controller has not decided either")
                .isNotNull();
    }

    @Test
    @Order(2)
    void theUnderperformingListFlagsAStableVersionWhoseJoinedAccuracyIsBelowAnothersFromTheScorersFeedback() {
        deploy(Map.of("pattern", "deploy", "version", "1", "reason", "back to v1"));
        List<Judged> judged = traffic.judged();
        assertThat(judged.stream().filter(j -> j.version() == 1).count())
                .as("v1 predictions judged")
                .isGreaterThanOrEqualTo(100);
        awaitJoined(judged.size());
        double v1 = JudgedTraffic.accuracy(judged, 1, null);
        double v2 = JudgedTraffic.accuracy(judged, 2, null);
        WebClient vera = console.signedIn("vera");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                element(vera.get("/governance/underperforming").body(), "flagged-" + MODEL))
                        .contains("quality: v1 accuracy " + Format.number(v1, 3) + ", " + Format.number(v2 - v1, 3)
                                + " below v2 (" + Format.number(v2, 3) + ")"));
        assertThat(vera.get("/governance/underperforming?drop=0.9").body()).doesNotContain("quality: v1 accuracy");
    }

    @Test
    @Order(3)
    void aBanditsSharesOverTimeAreTheSharesItsControllerPublishedAsRewardsWereJoined() throws Exception {
        deploy(Map.of(
                "pattern", "bandit",
                "arms", "a=1\nb=2",
                "reward", "binary",
                "min-percent", "5",
                "update-every", "1s"));
        traffic.round("bandit", 200);
        // the controller may redraw the even shares before any reward is joined: wait for the rewards to tell
        await("the controller moves traffic to the arm that is always right")
                .atMost(Duration.ofSeconds(60))
                .until(() -> console.services().state().history(MODEL).stream()
                        .anyMatch(d -> d.getChangedBy().startsWith("bandit@")
                                && shares(d).get(1) > 70.0));
        JsonNode datasets = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> new ObjectMapper()
                                .readTree(otto.get("/models/" + MODEL + "/rollout/charts")
                                        .body())
                                .path("bandit")
                                .path("datasets"),
                        d -> d.size() == 2 && d.get(1).path("data").size() >= 2);
        assertThat(datasets.get(0).get("label").asText()).isEqualTo("a (v1)");
        assertThat(datasets.get(1).get("label").asText()).isEqualTo("b (v2)");
        JsonNode a = datasets.get(0).get("data");
        JsonNode b = datasets.get(1).get("data");
        assertThat(a.size()).isEqualTo(b.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).get("x").asDouble()).isEqualTo(b.get(i).get("x").asDouble());
            assertThat(a.get(i).get("y").asDouble() + b.get(i).get("y").asDouble())
                    .as("shares at point " + i)
                    .isCloseTo(100.0, offset(1e-9));
        }
        assertThat(b.get(0).get("y").asDouble()).as("an even start").isEqualTo(50.0);
        assertThat(b.get(b.size() - 1).get("y").asDouble())
                .as("the arm that is always right gains")
                .isGreaterThan(50.0);
        List<Deployment> published = console.services().control().history(MODEL).stream()
                .filter(d -> d.getBandit() != null)
                .toList();
        assertThat(published.size()).isGreaterThanOrEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(List.of(a.get(i).get("y").asDouble(), b.get(i).get("y").asDouble()))
                    .as("point " + i + ": the shares of bandit revision "
                            + published.get(i).getRevision())
                    .isEqualTo(shares(published.get(i)));
        }
        assertThat(published.get(1).getChangedBy()).startsWith("bandit@");
        JsonNode hour = new ObjectMapper()
                .readTree(otto.get("/models/" + MODEL + "/rollout/charts?range=1h")
                        .body());
        assertThat(hour.path("events").path("datasets").size())
                .as("events over 1h")
                .isPositive();
        assertThat(hour.path("bandit").path("datasets").size())
                .as("bandit over 1h")
                .isEqualTo(2);
        HttpResponse<String> unknown = otto.get("/models/" + MODEL + "/rollout/charts?range=7y");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("5m, 15m, 1h, 6h, 24h");
    }

    /** Publishes a change through the wizard and waits until the scorer applied it. */
    private static void deploy(Map<String, String> fields) {
        long revision = console.publish(otto, MODEL, fields).getRevision();
        await("the scorer applies revision " + revision)
                .atMost(Duration.ofSeconds(60))
                .until(() -> console.services().state().statuses(MODEL).stream()
                        .anyMatch(s -> s.getDeploymentRevision() >= revision));
    }

    /** Waits until the scorer joined {@code answered} outcomes (its quality statistics on the quality topic). */
    private static void awaitJoined(int answered) {
        await("the scorer joins " + answered + " outcomes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> console.services().control().quality(MODEL).stream()
                                .mapToLong(QualityStats::getJoined)
                                .sum()
                        == answered);
    }

    /** The canary's p99 over stable's, from the scorers' own status reports on the status topic. */
    private static String latencyRatio() {
        Deployment current = console.services().control().current(MODEL).orElseThrow();
        double canary = 0;
        double stable = 0;
        for (ScorerStatus s : console.services().control().status(MODEL)) {
            if (s.getDeploymentRevision() != current.getRevision()) {
                continue;
            }
            for (ArmStats a : s.getArms()) {
                if (a.getArm().equals("canary")) {
                    canary = Math.max(canary, a.getLatencyP99Micros());
                } else if (a.getArm().equals("stable")) {
                    stable = Math.max(stable, a.getLatencyP99Micros());
                }
            }
        }
        return RolloutView.fmt(canary / stable);
    }

    private static List<Double> shares(Deployment d) {
        return d.getBandit().getArms().stream()
                .map(BanditArm::getBasisPoints)
                .map(bp -> bp / 100.0)
                .toList();
    }

    private static String panel() {
        return otto.get("/models/" + MODEL + "/rollout").body();
    }
}
