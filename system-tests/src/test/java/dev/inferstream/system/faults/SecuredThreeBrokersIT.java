/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.system.stack.OwnStack;
import dev.inferstream.system.stack.Principals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers with SASL_SSL and ACLs ({@code local-stack --brokers 3 --security sasl-ssl}): a scorer with the
 * least-privilege grants under steady load while the leader of its input's first partition is killed and restarted.
 */
@Tag("full")
@Timeout(900)
class SecuredThreeBrokersIT {
    private static final int RATE = 100;

    @TempDir
    Path dir;

    @Test
    void everyInputHasExactlyOneOutcomeOverSaslSslWhenAPartitionLeaderIsKilled() throws Exception {
        try (OwnStack stack = OwnStack.secured(dir.resolve("stack"), 3);
                Scenario s = new Scenario(stack.cluster(), dir, 3)) {
            Cluster admin = stack.cluster();
            s.createControlTopics();
            Cluster scorer = Principals.create(admin, "scorer");
            s.scorerGrants("scorer").apply(admin);
            Properties config = s.config("scorer-a");
            config.putAll(scorer.client());
            s.startScorer("scorer-a", config);
            s.startLoad(RATE, 31);
            s.load().awaitAcknowledged(RATE * 5L, Duration.ofMinutes(2));

            BrokerKillIT.killAndRestart(stack, s, stack.leaderOf(s.setup.input(), 0));

            s.finish(
                    "partition leader killed (SIGKILL) and restarted, 3 brokers over SASL_SSL with ACLs",
                    "leader of input p0 down for 5 s of load; 1 scorer with least-privilege ACLs, 3 partitions, 1 in "
                            + Scenario.POISON_EVERY + " inputs undecodable");
        }
    }
}
