/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.scorer.ScorerJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults of a one-broker stack under steady load through an exactly-once scorer: the broker itself restarted, the
 * registry stopped, the scorer's state folder deleted between restarts. Each scenario has topics of its own.
 */
@Tag("full")
@Timeout(900)
class SingleBrokerFaultsIT extends OneBrokerScenarios {
    private static final int RATE = 100;

    @Test
    void everyInputHasExactlyOneOutcomeWhenTheOnlyBrokerIsKilledAndRestarted() throws Exception {
        try (Scenario s = new Scenario(stack.cluster(), dir.resolve("broker"), 3)) {
            s.startScorer("scorer-a");
            s.startLoad(RATE, 11);
            s.load().awaitAcknowledged(RATE * 5L, Duration.ofMinutes(2));
            s.fault();
            stack.down("kafka-1", true);
            Thread.sleep(5_000); // the load blocks meanwhile: there is no broker to acknowledge anything
            stack.up("kafka-1");
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, Duration.ofMinutes(3));
            s.finish(
                    "the only broker killed (SIGKILL) and restarted, 1 broker",
                    "down 5 s; 1 scorer, 3 partitions, 1 in " + Scenario.POISON_EVERY + " inputs undecodable");
        }
    }

    @Test
    void noInputIsDeadLetteredForARegistryOutage() throws Exception {
        try (Scenario s = new Scenario(stack.cluster(), dir.resolve("registry"), 3)) {
            s.startScorer("scorer-a");
            s.startLoad(RATE, 13);
            s.load().awaitAcknowledged(RATE * 5L, Duration.ofMinutes(2));
            s.fault();
            stack.down("registry", false);
            long before = s.load().acknowledged();
            s.load().awaitAcknowledged(before + RATE * 20L, Duration.ofMinutes(2));
            stack.up("registry");
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, Duration.ofMinutes(2));
            s.finish(
                    "schema registry stopped for 20 s of load, 1 broker",
                    "schemas cached by producer and scorer; 1 scorer, 3 partitions, 1 in " + Scenario.POISON_EVERY
                            + " inputs undecodable");
        }
    }

    @Test
    void everyInputHasExactlyOneOutcomeWhenTheStateFolderIsDeletedBetweenRestarts() throws Exception {
        try (Scenario s = new Scenario(stack.cluster(), dir.resolve("state"), 3)) {
            ScorerJvm scorer = s.startScorer("scorer-a");
            s.startLoad(RATE, 17);
            s.load().awaitAcknowledged(RATE * 5L, Duration.ofMinutes(2));
            s.fault();
            scorer.close();
            deleteTree(s.dir.resolve("state").resolve("scorer-a"));
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 3L, Duration.ofMinutes(2));
            s.startScorer("scorer-a");
            s.load().awaitAcknowledged(s.load().acknowledged() + RATE * 5L, Duration.ofMinutes(2));
            s.finish(
                    "scorer stopped, its state folder deleted, started again, 1 broker",
                    "stopped (SIGTERM) for 3 s of load; 1 scorer, 3 partitions");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
