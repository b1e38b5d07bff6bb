/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.load.Events;
import dev.inferstream.system.repository.RepositoryServer;
import dev.inferstream.system.repository.RepositoryServer.Fault;
import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.scorer.Operator;
import dev.inferstream.system.scorer.ScorerJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults in what a rollout depends on, under steady load through an exactly-once scorer on a one-broker stack: the
 * model repository (a real HTTP server) failing while a version is deployed, and records on the control topic that
 * are malformed or older than the applied revision.
 */
@Tag("full")
@Timeout(900)
class RolloutFaultsIT extends OneBrokerScenarios {
    private static final int RATE = 100;
    private static final String NOT_APPLIED = "not applied, the current one keeps serving";
    private static final String FAILED_LOADS =
            "inferstream_model_loads_total{model=\"fraud\",outcome=\"failed\",version=\"2\"}";
    private static final String SERVING_V2 = "inferstream_model_version_serving{model=\"fraud\",version=\"2\"}";
    private static final String REVISION = "inferstream_deployment_revision{model=\"fraud\"}";
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aFailingModelRepositoryNeverReplacesTheServingVersionAndTheDeploymentProceedsOnceItRecovers()
            throws Exception {
        Path root = dir.resolve("repository");
        try (RepositoryServer server = RepositoryServer.serve(root.resolve("models"));
                Scenario s = new Scenario(stack.cluster(), root, 3, server.url())) {
            s.createControlTopics();
            ScorerJvm scorer = s.startScorer("scorer-a", pinnedTo(s, 1));
            Operator operator = operator(s);
            s.startLoad(RATE, 19);
            s.load().awaitAcknowledged(RATE * 5L, WAIT);
            Events.publish(s.repository, 2);

            for (Fault fault :
                    List.of(Fault.SERVER_ERROR, Fault.HANG, Fault.CORRUPT_MODEL, Fault.MISMATCHED_MANIFEST)) {
                int refused = scorer.logCount(NOT_APPLIED);
                server.inject("fraud/2/", fault);
                s.fault();
                deploy(operator, 2);
                if (fault == Fault.HANG) {
                    Awaitility.await("a download of fraud/2 hanging")
                            .atMost(WAIT)
                            .until(() -> server.hanging() > 0);
                    // five seconds of load while the download hangs; the next fault releases it with a 503
                    s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, WAIT);
                } else {
                    Awaitility.await(fault + ": the scorer refusing fraud/2")
                            .atMost(WAIT)
                            .until(() -> scorer.logCount(NOT_APPLIED) > refused);
                }
            }
            assertThat(scorer.metric(FAILED_LOADS))
                    .as("refused loads of fraud/2 counted")
                    .isGreaterThanOrEqualTo(4);
            assertThat(scorer.metric(SERVING_V2)).as("fraud/2 serving").isZero();
            assertThat(scorer.ownLog()).contains("refused to load fraud/2");
            Awaitility.await("scorerctl status showing the instance behind")
                    .atMost(WAIT)
                    .until(() -> operator.run("status", "fraud").out().contains("NOT current"));

            server.heal();
            // no new deployment: the scorer tries the failed one again by itself
            Awaitility.await("fraud/2 serving once the repository recovered")
                    .atMost(WAIT)
                    .until(() -> scorer.metric(SERVING_V2) == 1);
            Awaitility.await("scorerctl status showing the instance current")
                    .atMost(WAIT)
                    .until(() -> operator.run("status", "fraud").out().contains(" (current)"));
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, WAIT);
            s.finish(
                    "model repository (HTTP) answering 500, hanging, serving a cut-off model.onnx, then a manifest "
                            + "that does not match the graph, each during a deployment of v2; 1 broker",
                    server.faulted()
                            + " requests answered with a fault; v1 kept serving, the scorer loaded v2 by itself once the "
                            + "repository recovered; 1 scorer, 3 partitions, 1 in " + Scenario.POISON_EVERY
                            + " inputs undecodable");
            assertThat(versions(s.ledger())).as("versions predicted").containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void malformedAndOutOfOrderControlRecordsAreIgnoredWithALogAndTheFleetKeepsServing() throws Exception {
        try (Scenario s = new Scenario(stack.cluster(), dir.resolve("control"), 3)) {
            Events.publish(s.repository, 2);
            s.createControlTopics();
            ScorerJvm scorer = s.startScorer("scorer-a", pinnedTo(s, 1));
            Operator operator = operator(s);
            s.startLoad(RATE, 23);
            s.load().awaitAcknowledged(RATE * 5L, WAIT);
            deploy(operator, 1);
            deploy(operator, 2);
            Awaitility.await("fraud/2 serving").atMost(WAIT).until(() -> scorer.metric(SERVING_V2) == 1);
            double revision = scorer.metric(REVISION);

            Instant fault = s.fault();
            writeControl(s, "this is no deployment".getBytes(StandardCharsets.UTF_8));
            Awaitility.await("the malformed record logged")
                    .atMost(WAIT)
                    .until(() -> scorer.logCount("is not a Deployment, ignored") > 0);
            Deployment stale = Deployment.newBuilder()
                    .setModel(Events.MODEL)
                    .setStable(1)
                    .setRevision((long) revision - 1)
                    .setChangedBy("a stale writer")
                    .setChangedAt(Instant.now())
                    .setReason("out of order")
                    .build();
            writeControl(
                    s,
                    new AvroSerializer<Deployment>(s.cluster.registry(), true, false)
                            .serialize(s.setup.control(), stale));
            Awaitility.await("the out-of-order revision logged")
                    .atMost(WAIT)
                    .until(() -> scorer.logCount("not newer than the applied revision") > 0);
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, WAIT);

            assertThat(scorer.metric(REVISION)).as("applied revision").isEqualTo(revision);
            assertThat(scorer.metric(SERVING_V2)).as("fraud/2 serving").isEqualTo(1);
            s.finish(
                    "control topic: a malformed record, then a revision older than the applied one, 1 broker",
                    "both ignored with a log, revision and version unchanged; 1 scorer, 3 partitions, 1 in "
                            + Scenario.POISON_EVERY + " inputs undecodable");
            Map<Integer, Long> afterFault = s.ledger().predictions().stream()
                    .filter(p -> p.value().getEventTime().isAfter(fault))
                    .collect(Collectors.groupingBy(p -> p.value().getVersion(), Collectors.counting()));
            assertThat(afterFault.keySet())
                    .as("versions predicted after the bad records")
                    .containsExactly(2);
        }
    }

    private static Properties pinnedTo(Scenario s, int version) {
        Properties config = s.config("scorer-a");
        config.setProperty("scorer.route.main.version", Integer.toString(version));
        return config;
    }

    private static Operator operator(Scenario s) {
        return Operator.of(s.cluster, s.dir, "operator", s.repository.root().toString(), s.setup.control());
    }

    private static void deploy(Operator operator, int version) {
        Operator.Result deployed = operator.run("deploy", Events.MODEL, Integer.toString(version));
        assertThat(deployed.exitCode())
                .as("scorerctl deploy: " + deployed.printed())
                .isZero();
    }

    /** Writes {@code value} under the model's key to the control topic, as a writer that bypasses scorerctl would. */
    private static void writeControl(Scenario s, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                s.cluster.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(s.setup.control(), Events.MODEL.getBytes(StandardCharsets.UTF_8), value));
        }
    }

    private static Set<Integer> versions(Ledger ledger) {
        return ledger.predictions().stream().map(p -> p.value().getVersion()).collect(Collectors.toSet());
    }
}
