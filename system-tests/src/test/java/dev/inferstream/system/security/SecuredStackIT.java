/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.system.batch.BatchJvm;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.check.ReferenceScores;
import dev.inferstream.system.check.Verdict;
import dev.inferstream.system.load.Events;
import dev.inferstream.system.load.SteadyLoad;
import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.scorer.Operator;
import dev.inferstream.system.scorer.ScorerJvm;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.system.stack.Grants;
import dev.inferstream.system.stack.OwnStack;
import dev.inferstream.system.stack.Principals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer, scorerctl and the batch job on a stack with a SASL_SSL listener (SCRAM-SHA-512), the StandardAuthorizer and the
 * registry over HTTPS, each principal with the least-privilege ACLs of README's Security section.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class SecuredStackIT {
    @TempDir
    static Path dir;

    private OwnStack stack;
    private Scenario scenario;
    private Cluster scorer;
    private Cluster operator;

    @BeforeAll
    void startSecuredStack() throws IOException {
        stack = OwnStack.secured(dir.resolve("stack"));
        Cluster admin = stack.cluster();
        scenario = new Scenario(admin, dir, 2);
        String deployments = scenario.setup.control();
        String status = deployments + ".status";
        scenario.createControlTopics();
        scorer = Principals.create(admin, "scorer");
        scenario.scorerGrants("scorer").apply(admin);
        operator = Principals.create(admin, "operator");
        Grants.to("operator").operator(deployments, status).apply(admin);
    }

    @AfterAll
    void stopStack() throws InterruptedException {
        if (scenario != null) {
            scenario.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void scorerWithLeastPrivilegeScoresEveryInputExactlyOnceOverSaslSsl() throws Exception {
        Properties config = scenario.config("scorer-a");
        config.putAll(scorer.client());
        scenario.startScorer("scorer-a", config);
        scenario.startLoad(50, 3);
        scenario.load().awaitAcknowledged(300, Duration.ofMinutes(2));
        scenario.finish("SASL_SSL + ACLs, no fault", "1 scorer with least-privilege ACLs, registry over HTTPS");
    }

    @Test
    void batchJobWithLeastPrivilegeScoresAKafkaRangeExactlyOnceOverSaslSsl() throws Exception {
        Cluster admin = stack.cluster();
        String input = admin.newTopic("batch-events", 2);
        String output = admin.newTopic("batch-predictions", 2);
        String deadLetters = admin.newTopic("batch-dlq", 1);
        Cluster batch = Principals.create(admin, "batch");
        Grants.to("batch")
                .batch("secured", List.of(input), List.of(output, deadLetters))
                .apply(admin);
        SteadyLoad load = SteadyLoad.start(admin, input, 200, 5, Scenario.POISON_EVERY);
        load.awaitAcknowledged(400, Duration.ofMinutes(2));
        load.stop();

        List<String> args = new ArrayList<>(BatchJvm.clientArguments(batch.client()));
        args.addAll(List.of(
                "--input-topic",
                input,
                "--output-topic",
                output,
                "--dead-letter-topic",
                deadLetters,
                "--job-name",
                "secured",
                "--model-repository",
                scenario.repository.root().toString(),
                "--model",
                Events.MODEL,
                "--version",
                "1",
                "--parallelism",
                "2",
                "--checkpoint-interval-ms",
                "1000"));
        BatchJvm.Run run = BatchJvm.run(dir.resolve("logs"), "batch", Duration.ofMinutes(5), args);
        assertThat(run.exitCode())
                .as("batch-score over SASL_SSL:\n" + run.log())
                .isZero();

        Ledger ledger = Ledger.collect(admin, input, output, deadLetters, Duration.ofMinutes(1));
        Verdict verdict = Verdict.of(
                ledger,
                in -> Events.isPoison(in.value()),
                new ReferenceScores(scenario.repository.root().toString(), admin.registry()));
        verdict.figures(
                        "batch job over SASL_SSL + ACLs, no fault",
                        0,
                        Double.NaN,
                        "a bounded range of 2 partitions written first, then scored by the batch job (embedded Flink, "
                                + "parallelism 2) with least-privilege ACLs, registry over HTTPS")
                .record();
        verdict.assertHolds();
    }

    @Test
    void operatorDeploysWithScorerctlButTheScorerPrincipalIsRefusedTheControlTopic() {
        Operator.Result deployed = scorerctl(operator, "operator", "deploy", "fraud", "1");
        assertThat(deployed.exitCode())
                .as("scorerctl deploy as operator: " + deployed.printed())
                .isZero();

        Operator.Result refused = scorerctl(scorer, "scorer", "deploy", "fraud", "1");
        assertThat(refused.exitCode()).as("scorerctl deploy as the scorer").isEqualTo(1);
        assertThat(refused.err())
                .as("the refusal names the topic and the missing right")
                .contains(scenario.setup.control())
                .containsIgnoringCase("not authorized");
    }

    @Test
    void scorerPrincipalWithoutAclsIsToldWhyItCannotStart() throws Exception {
        Cluster intruder = Principals.create(stack.cluster(), "intruder");
        Properties config = scenario.config("intruder");
        config.putAll(intruder.client());
        ScorerJvm jvm = ScorerJvm.start(config, dir.resolve("logs"), "intruder");
        try {
            Awaitility.await("the scorer without ACLs exiting")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> !jvm.isAlive());
            assertThat(jvm.log())
                    .contains("streaming scorer cannot start")
                    .containsIgnoringCase("not authorized")
                    .contains(scenario.setup.input());
        } finally {
            jvm.close();
        }
    }

    private Operator.Result scorerctl(Cluster as, String name, String... command) {
        return Operator.of(as, dir, name, scenario.repository.root().toString(), scenario.setup.control())
                .run(command);
    }
}
