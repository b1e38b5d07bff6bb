/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.ConsoleModels;
import dev.inferstream.console.WebClient;
import dev.inferstream.schemas.Deployment;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console over real HTTP, on the shared broker and registry: what a person's browser would send and get. */
class ConsoleServerIT {
    @RegisterExtension
    static final ConsoleFixture console = ConsoleFixture.aroundClass(1, "fraud");

    @Test
    void wrongPasswordIsRefusedAndTheRightOneOpensTheLifecycle() {
        WebClient web = new WebClient(console.base());
        assertThat(web.get("/").statusCode()).isEqualTo(302);
        HttpResponse<String> wrong = web.signIn("alice", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user name or password.");
        assertThat(web.signIn("alice", ConsoleFixture.PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> home = web.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"model-fraud\"", "id=\"stage-fraud\"", "published");
        assertThat(web.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").statusCode())
                .isEqualTo(200);
        assertThat(web.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    void publishesAnUploadedVersionAndRefusesAManifestThatDoesNotFitTheGraph() throws Exception {
        WebClient web = signedIn("alice");
        web.get("/publish");
        HttpResponse<String> done = web.postMultipart(
                "/publish",
                Map.of("action", "publish"),
                Map.of(
                        "onnx", Map.entry("model.onnx", ConsoleModels.onnx(2)),
                        "yaml",
                                Map.entry(
                                        "model.yaml",
                                        ConsoleModels.manifest("loans", 1).getBytes(StandardCharsets.UTF_8))));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).contains("/models/loans/versions/1?published=1");
        assertThat(console.repository().versions("loans")).containsExactly(1);

        web.get("/publish");
        String tooWide =
                ConsoleModels.manifest("loans", 2).replace("fields: [f0, f1, f2, f3]", "fields: [f0, f1, f2, f3, f4]");
        HttpResponse<String> refused = web.postMultipart(
                "/publish",
                Map.of("action", "publish"),
                Map.of(
                        "onnx", Map.entry("model.onnx", ConsoleModels.onnx(2)),
                        "yaml", Map.entry("model.yaml", tooWide.getBytes(StandardCharsets.UTF_8))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"publish-error\"").contains("f4");
        assertThat(console.repository().versions("loans")).containsExactly(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                web.get("/governance/audit?model=loans").body())
                        .contains("publish", "v1 sha256", "refused"));
    }

    @Test
    void aDeploymentIsReviewedAsItsScorerctlCommandThenPublishedWithTheUserAsChangedBy() {
        WebClient web = signedIn("otto");
        assertThat(console.review(web, "fraud", Map.of("pattern", "deploy", "version", "1")))
                .contains("scorerctl deploy fraud 1", "v1 stable 100 %");
        web.postForm(
                "/models/fraud/deploy",
                Map.of("pattern", "deploy", "version", "1", "reason", "first", "expected-revision", "0"),
                302);
        List<Deployment> history = console.services().control().history("fraud");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getChangedBy()).isEqualTo("otto");
        assertThat(history.get(0).getReason()).isEqualTo("first");

        assertThat(web.postForm(
                        "/models/fraud/deploy/review",
                        Map.of("pattern", "canary", "version", "7", "percent", "5"),
                        400))
                .contains("refused: fraud version(s) [7] are not published");
    }

    @Test
    void aViewerIsRefusedEveryChangeAndTheRefusalIsInTheAuditTrail() {
        WebClient web = signedIn("vera");
        web.get("/models/fraud/rollout");
        assertThat(web.postForm("/models/fraud/deploy", Map.of("pattern", "deploy", "version", "1"), 403))
                .contains("vera is a viewer");
        web.postForm("/test/load", Map.of("model", "fraud", "rate", "1", "seconds", "1"), 403);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(web.get("/governance/audit?who=vera").body())
                                .contains("POST /models/fraud/deploy", "refused"));
    }

    @Test
    void aChangeWithoutTheFormsTokenIsRefused() {
        WebClient web = signedIn("alice");
        HttpResponse<String> forged =
                web.postForm("/models/fraud/deploy/review", Map.of("pattern", "deploy", "version", "1"), false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("no valid CSRF token");
    }

    @Test
    void theLifecycleIsStreamedLiveOverServerSentEvents() throws Exception {
        WebClient web = signedIn("vera");
        HttpResponse<InputStream> stream = web.http()
                .send(
                        HttpRequest.newBuilder(URI.create(console.base() + "/events?view=home"))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean event = false;
            while ((line = lines.readLine()) != null) {
                if (line.equals("event: home")) {
                    event = true;
                }
                if (event && line.contains("id=\"model-fraud\"")) {
                    break;
                }
            }
            assertThat(line).as("the home rows arrived").isNotNull();
        }
    }

    private static WebClient signedIn(String user) {
        return console.signedIn(user);
    }
}
