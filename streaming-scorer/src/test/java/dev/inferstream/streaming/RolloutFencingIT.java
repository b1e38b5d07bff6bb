/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.control.RevisionMovedException;
import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.control.RolloutDecider;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty writers racing on one model — scorerctl runs and rollout controller decisions — never publish a revision
 * twice, and every scorer, running or started later, ends on the same deployment (#12).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class RolloutFencingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSAL =
            "(scorerctl: )?fraud: (revision moved from \\d+ to \\d+ by \\S+|revision \\d+ is being changed by another writer .*)"
                    + ": re-read and retry\\s*";
    /** A gated canary the controller may promote at once: no samples needed, no observation window. */
    private static final String[] PROMOTABLE = {
        "--max-error-rate-increase", "0.5", "--min-samples", "0", "--observe", "0s"
    };

    @TempDir
    Path dir;

    /** What one writer got: the deployment it published, or its refusal. */
    private record Outcome(String writer, Deployment published, String refusal) {}

    @Test
    void writersRacingOnOneModelPublishEachRevisionOnceAndEveryScorerEndsOnTheWinner(TestStack stack) throws Exception {
        ScorerFixture fx = new ScorerFixture(stack, dir, 2);
        for (int v = 1; v <= 3; v++) {
            fx.publish("fraud", v);
        }
        String control = "deployments-" + fx.input;
        Ctl ctl = new Ctl(fx, control, "--status-topic", control + ".status");
        ctl.run("deploy", "fraud", "1");
        ctl.run(canary(2, 10, "setup"));
        ControlTopics topics = ControlTopics.forDeployments(control).withStatus(control + ".status");
        ControlPlane plane = new ControlPlane(stack.producerProperties(), fx.registry, topics);
        List<StreamingScorer> scorers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            scorers.add(start(fx, control, "running-a"));
            scorers.add(start(fx, control, "running-b"));
            // a controller round reads the deployments once, then decides: all ten decide from revision 2
            Deployment read = plane.current("fraud").orElseThrow();
            assertThat(read.getRevision()).isEqualTo(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> writers = new ArrayList<>();
            for (int w = 0; w < 20; w++) {
                Callable<Outcome> writer = w % 2 == 0 ? scorerctl(ctl, w) : controller(stack, fx, topics, read, w);
                writers.add(pool.submit(() -> {
                    go.await();
                    return writer.call();
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> writer : writers) {
                outcomes.add(writer.get(180, TimeUnit.SECONDS));
            }

            List<Deployment> history = plane.history("fraud");
            List<Long> revisions = history.stream().map(Deployment::getRevision).toList();
            assertThat(revisions).as("history revisions").isEqualTo(range(1, revisions.size()));
            Map<Long, String> published = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                if (o.published() == null) {
                    assertThat(o.refusal()).as(o.writer()).matches(REFUSAL);
                } else {
                    assertThat(published.put(o.published().getRevision(), o.writer()))
                            .as("revision " + o.published().getRevision() + " published twice")
                            .isNull();
                }
            }
            Map<Long, String> recorded = new LinkedHashMap<>();
            history.stream().skip(2).forEach(d -> recorded.put(d.getRevision(), d.getChangedBy()));
            assertThat(published).as("each success is one history entry").isEqualTo(recorded);
            assertThat(published.values().stream().filter(w -> w.contains("@controller")))
                    .as("controller decisions that read revision 2 and won")
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(published).as("successes").isNotEmpty();

            DeploymentSpec last = DeploymentCodec.toSpec(plane.current("fraud").orElseThrow());
            assertThat(last.revision()).isEqualTo(revisions.get(revisions.size() - 1));
            scorers.add(start(fx, control, "started-later"));
            for (StreamingScorer scorer : scorers) {
                await(scorer.config().scorerId() + " on revision " + last.revision())
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> scorer.models().deployment("fraud").orElseThrow(), last::equals);
            }
        } finally {
            pool.shutdownNow();
            scorers.forEach(StreamingScorer::close);
        }
    }

    /** scorerctl: a gated canary of v3 or a deployment of v1, alternately; both are valid from any state here. */
    private static Callable<Outcome> scorerctl(Ctl ctl, int w) {
        String by = "ctl-" + w;
        String[] args = w % 4 == 0
                ? canary(3, 10 + w, by)
                : new String[] {"--json", "deploy", "fraud", "1", "--by", by, "--reason", "race " + w};
        return () -> {
            Ctl.Run run = ctl.attempt(args);
            if (run.exit() != 0) {
                assertThat(run.exit()).as(run.err()).isEqualTo(1);
                return new Outcome(by, null, run.err());
            }
            JsonNode printed = JSON.readTree(run.out());
            Deployment published = Deployment.newBuilder()
                    .setModel("fraud")
                    .setStable(printed.get("stable").asInt())
                    .setRevision(printed.get("revision").asLong())
                    .setChangedBy(printed.get("changedBy").asText())
                    .setChangedAt(Instant.now())
                    .build();
            assertThat(published.getChangedBy()).isEqualTo(by);
            return new Outcome(by, published, null);
        };
    }

    /** A controller decision (promoting the gated canary) made from the revision its round read. */
    private static Callable<Outcome> controller(
            TestStack stack, ScorerFixture fx, ControlTopics topics, Deployment read, int w) {
        String id = "controller-" + w;
        RolloutDecider decider =
                new RolloutDecider(new ControlPlane(stack.producerProperties(), fx.registry, topics), id);
        return () -> {
            try {
                Optional<Deployment> decided = decider.decide(read, Instant.now());
                assertThat(decided).as("a promotable canary is decided on").isPresent();
                return new Outcome(decided.get().getChangedBy(), decided.get(), null);
            } catch (RevisionMovedException e) {
                return new Outcome("canary-analysis@" + id, null, e.getMessage());
            }
        };
    }

    private static String[] canary(int version, int percent, String by) {
        List<String> args = new ArrayList<>(List.of(
                "--json",
                "canary",
                "fraud",
                Integer.toString(version),
                "--percent",
                Integer.toString(percent),
                "--by",
                by));
        args.addAll(List.of(PROMOTABLE));
        return args.toArray(String[]::new);
    }

    private StreamingScorer start(ScorerFixture fx, String control, String id) throws Exception {
        StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.route.main.version=1\nscorer.control.topic=" + control + "\nscorer.status.topic=" + control
                        + ".status\nscorer.controller.interval.ms=0\nscorer.id=" + id + "\nstate.dir="
                        + dir.resolve("state-" + id))));
        scorer.awaitRunning(Duration.ofSeconds(90));
        return scorer;
    }

    private static List<Long> range(long from, int count) {
        List<Long> range = new ArrayList<>();
        for (long r = from; r < from + count; r++) {
            range.add(r);
        }
        return range;
    }
}
