/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.ctl.ScorerCtl;
import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.scorer.ScorerJvm;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.system.stack.Grants;
import dev.inferstream.system.stack.OwnStack;
import dev.inferstream.system.stack.Principals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer and scorerctl on a stack with a SASL_SSL listener (SCRAM-SHA-512), the StandardAuthorizer and the
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
        admin.createTopic(deployments, 1, Map.of("cleanup.policy", "compact"));
        admin.createTopic(deployments + ".history", 1, Map.of());
        admin.createTopic(status, 1, Map.of());
        scorer = Principals.create(admin, "scorer");
        Grants.to("scorer")
                .scorer(
                        scenario.applicationId(),
                        List.of(scenario.setup.input()),
                        List.of(scenario.setup.output(), scenario.setup.deadLetter()),
                        deployments,
                        status)
                .apply(admin);
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
    void operatorDeploysWithScorerctlButTheScorerPrincipalIsRefusedTheControlTopic() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int deployed = scorerctl(operator, "operator", out, err, "deploy", "fraud", "1");
        assertThat(deployed).as("scorerctl deploy as operator: " + out + err).isZero();

        StringWriter refusal = new StringWriter();
        int refused = scorerctl(scorer, "scorer", new StringWriter(), refusal, "deploy", "fraud", "1");
        assertThat(refused).as("scorerctl deploy as the scorer").isEqualTo(1);
        assertThat(refusal.toString())
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

    private int scorerctl(Cluster as, String name, StringWriter out, StringWriter err, String... command)
            throws IOException {
        Path file = dir.resolve(name + ".properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            as.client().store(w, name);
        }
        List<String> args = new java.util.ArrayList<>(List.of(
                "--client-config",
                file.toString(),
                "--repository",
                scenario.repository.root().toString(),
                "--control-topic",
                scenario.setup.control(),
                "--status-topic",
                scenario.setup.control() + ".status"));
        args.addAll(List.of(command));
        return ScorerCtl.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
