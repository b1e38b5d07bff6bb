/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.system.batch.BatchJvm;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.check.ReferenceScores;
import dev.inferstream.system.check.Verdict;
import dev.inferstream.system.load.BadInputs;
import dev.inferstream.system.load.Events;
import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix mixed into a steady load: the streaming scorer scores the load as it arrives, then the batch
 * job scores the same records as a bounded Kafka range; each bad record must be one dead letter with its stage and
 * reason, every other one predicted exactly once.
 */
@Tag("full")
@ExtendWith(LocalStackExtension.class)
@Timeout(900)
class BadInputUnderLoadIT {
    private static final int RATE = 100;
    private static final int BAD_EVERY = 10;
    private static final String MIX =
            "1 in " + BAD_EVERY + " inputs bad, the " + BadInputs.Kind.values().length + " kinds in turn";

    @TempDir
    Path dir;

    @Test
    void everyKindOfBadInputIsDeadLetteredWithItsStageAndReasonByBothEnginesWhileTheRestIsScored(TestStack stack)
            throws Exception {
        Cluster cluster = Cluster.shared(stack);
        try (Scenario s = new Scenario(cluster, dir, 3)) {
            s.startScorer("scorer-a");
            s.startLoad(RATE, c -> BadInputs.mix(c, 29, BAD_EVERY));
            s.load().awaitAcknowledged(RATE * 30L, Duration.ofMinutes(3));
            s.finish(
                    "bad-input matrix in the load, streaming scorer",
                    MIX + "; 1 scorer, 3 partitions",
                    BadInputs::isBad);
            assertEveryKindDeadLetteredRightly(s.ledger());

            String output = cluster.newTopic("batch-predictions", 3);
            String deadLetters = cluster.newTopic("batch-dlq", 1);
            List<String> args = new ArrayList<>(BatchJvm.clientArguments(cluster.client()));
            args.addAll(List.of(
                    "--input-topic",
                    s.setup.input(),
                    "--output-topic",
                    output,
                    "--dead-letter-topic",
                    deadLetters,
                    "--model-repository",
                    s.repository.root().toString(),
                    "--model",
                    Events.MODEL,
                    "--version",
                    "1",
                    "--parallelism",
                    "2"));
            BatchJvm.Run run = BatchJvm.run(dir.resolve("logs"), "batch", Duration.ofMinutes(5), args);
            assertThat(run.exitCode()).as("batch-score:\n" + run.log()).isZero();

            Ledger batched = Ledger.collect(cluster, s.setup.input(), output, deadLetters, Duration.ofMinutes(2));
            Verdict verdict = Verdict.of(
                    batched,
                    BadInputs::isBad,
                    new ReferenceScores(s.repository.root().toString(), cluster.registry()));
            verdict.figures(
                            "bad-input matrix, batch job over the same records",
                            0,
                            Double.NaN,
                            MIX + "; a bounded range of 3 partitions, embedded Flink, parallelism 2")
                    .record();
            verdict.assertHolds();
            assertEveryKindDeadLetteredRightly(batched);
        }
    }

    private static void assertEveryKindDeadLetteredRightly(Ledger ledger) {
        assertThat(BadInputs.wrongReasons(ledger))
                .as("dead letters with the wrong stage or reason")
                .isEmpty();
        assertThat(BadInputs.deadLettersByKind(ledger).keySet())
                .as("kinds dead-lettered")
                .containsExactlyInAnyOrder(BadInputs.Kind.values());
    }
}
