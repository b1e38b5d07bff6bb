/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.stack.OwnStack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker stack (replication factor 3, {@code min.insync.replicas=2}) under steady load through an
 * exactly-once scorer: the leader of an input partition is killed (SIGKILL) and restarted, then the leader of an
 * output partition; the ledger must show every input scored or dead-lettered exactly once.
 */
@Timeout(600)
class BrokerKillIT {
    private static final int RATE = 100;

    @TempDir
    Path dir;

    @Test
    void everyInputHasExactlyOneOutcomeWhenPartitionLeadersAreKilledMidStream() throws Exception {
        try (OwnStack stack = OwnStack.start(dir.resolve("stack"), 3);
                Scenario s = new Scenario(stack.cluster(), dir, 3)) {
            s.startScorer("scorer-a");
            s.startLoad(RATE, 7);
            s.load().awaitAcknowledged(RATE * 5L, Duration.ofMinutes(2));

            killAndRestart(stack, s, stack.leaderOf(s.setup.input(), 0));
            killAndRestart(stack, s, stack.leaderOf(s.setup.output(), 0));

            s.finish(
                    "partition leader killed (SIGKILL) and restarted ×2, 3 brokers",
                    "leader of input p0, then of output p0, each down for 5 s of load; 1 scorer, 3 partitions, 1 in "
                            + Scenario.POISON_EVERY + " inputs undecodable");
        }
    }

    /** Kills {@code node}, lets the load go on without it, starts it again and lets the load go on again. */
    static void killAndRestart(OwnStack stack, Scenario s, String node) {
        s.fault();
        stack.down(node, true);
        long acknowledged = s.load().acknowledged();
        s.load().awaitAcknowledged(acknowledged + RATE * 5L, Duration.ofMinutes(2));
        stack.up(node);
        s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, Duration.ofMinutes(2));
    }
}
