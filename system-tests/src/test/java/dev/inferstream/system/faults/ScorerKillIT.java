/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.scorer.ScorerJvm;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Three instances of one scorer under steady load; one of them is killed (SIGKILL) five times, at random moments. */
@Tag("full")
@ExtendWith(LocalStackExtension.class)
@Timeout(900)
class ScorerKillIT {
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void everyInputIsScoredExactlyOnceWhileInstancesAreKilledFiveTimes(TestStack stack) throws Exception {
        Random random = new Random(19);
        try (Scenario s = new Scenario(Cluster.shared(stack), dir, 6)) {
            List<ScorerJvm> instances = new ArrayList<>();
            for (String name : List.of("scorer-a", "scorer-b", "scorer-c")) {
                instances.add(s.startScorer(name));
            }
            s.startLoad(200, 19);
            s.load().awaitAcknowledged(2_000, Duration.ofMinutes(2));
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(4_000 + random.nextInt(8_000));
                int victim = random.nextInt(instances.size());
                ScorerJvm killed = instances.get(victim);
                s.fault();
                killed.kill();
                // back at once, with the same name and state folder, as a supervisor would restart it
                instances.set(victim, s.launchScorer(killed.name()));
            }
            Thread.sleep(15_000);
            s.finish(
                    "scorer instance killed (SIGKILL) ×5, 3 instances",
                    "kills 4–12 s apart, each restarted at once; 6 partitions");
        }
    }
}
