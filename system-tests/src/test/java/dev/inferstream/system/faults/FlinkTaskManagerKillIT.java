/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.system.batch.BatchJvm;
import dev.inferstream.system.batch.StandaloneFlink;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.check.Recovery;
import dev.inferstream.system.check.ReferenceScores;
import dev.inferstream.system.check.Verdict;
import dev.inferstream.system.load.Events;
import dev.inferstream.system.load.SteadyLoad;
import dev.inferstream.system.scenario.Scenario;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch job on a standalone Flink cluster, reading a bounded Kafka range that the steady load is still writing
 * when the job's only TaskManager is killed ({@code kill -9}) after a checkpoint; a spare one is started and the job
 * restores from its checkpoint. Every record of the range must have exactly one outcome in the output topics.
 */
@Tag("full")
@ExtendWith(LocalStackExtension.class)
@Timeout(900)
class FlinkTaskManagerKillIT {
    private static final int RATE = 100;
    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aBatchJobScoresEveryRecordOfItsRangeExactlyOnceWhenItsTaskManagerIsKilledMidJob(TestStack stack)
            throws Exception {
        Cluster cluster = Cluster.shared(stack);
        LocalModelRepository models = new LocalModelRepository(dir.resolve("models"));
        Events.publish(models, 1);
        String input = cluster.newTopic("events", PARTITIONS);
        String output = cluster.newTopic("predictions", PARTITIONS);
        String deadLetters = cluster.newTopic("events-dlq", 1);

        SteadyLoad load = SteadyLoad.start(cluster, input, RATE, 37, Scenario.POISON_EVERY);
        try (load) {
            load.awaitAcknowledged(RATE * 5L, WAIT);
            // the range ends about 60 s of load ahead: the job runs while the load writes it, and past the kill
            Map<Integer, Long> end = new HashMap<>();
            endOffsets(cluster, input).forEach((p, o) -> end.put(p, o + RATE * 60L / PARTITIONS));
            List<String> args = new ArrayList<>(BatchJvm.clientArguments(cluster.client()));
            args.addAll(List.of(
                    "--input-topic",
                    input,
                    "--end-offsets",
                    end.entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(",")),
                    "--output-topic",
                    output,
                    "--dead-letter-topic",
                    deadLetters,
                    "--model-repository",
                    models.root().toString(),
                    "--model",
                    Events.MODEL,
                    "--version",
                    "1",
                    "--checkpoint-interval-ms",
                    "500",
                    "--restart-delay-ms",
                    "500",
                    "--parallelism",
                    "2"));
            Files.createDirectories(dir.resolve("flink"));
            try (StandaloneFlink flink = StandaloneFlink.start(dir.resolve("flink"))) {
                Process job = flink.submit("tm-kill", args);
                Awaitility.await("a completed checkpoint of the job")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            assertThat(job.isAlive())
                                    .as("flink run exited early:\n" + flink.printed("tm-kill"))
                                    .isTrue();
                            String id = flink.onlyJob();
                            return id != null && flink.completedCheckpoints(id) > 0;
                        });
                String id = flink.onlyJob();
                Instant killed = Instant.now();
                flink.replaceTaskManager(0);
                Awaitility.await("the load reaching the end of the range")
                        .atMost(WAIT)
                        .until(() -> endOffsets(cluster, input).entrySet().stream()
                                .allMatch(e -> e.getValue() >= end.get(e.getKey())));
                load.stop();
                assertThat(job.waitFor(5, TimeUnit.MINUTES))
                        .as("flink run finished:\n" + flink.printed("tm-kill"))
                        .isTrue();
                assertThat(job.exitValue())
                        .as("flink run:\n" + flink.printed("tm-kill"))
                        .isZero();
                assertThat(flink.failedOver(id)).as("the job failed over").isTrue();

                Ledger ledger = Ledger.collect(
                        cluster, input, output, deadLetters, WAIT, at -> at.offset() < end.get(at.partition()));
                Verdict verdict = Verdict.of(
                        ledger,
                        in -> Events.isPoison(in.value()),
                        new ReferenceScores(models.root().toString(), cluster.registry()));
                verdict.figures(
                                "Flink TaskManager killed (SIGKILL) mid-job, a spare started; standalone cluster",
                                load.rate(),
                                Recovery.worst(ledger, List.of(killed)),
                                "batch job (parallelism 2, checkpoints every 0.5 s) over a range of " + PARTITIONS
                                        + " partitions the load was still writing, killed after its first "
                                        + "checkpoint; 1 in " + Scenario.POISON_EVERY + " inputs undecodable")
                        .record();
                verdict.assertHolds();
            }
        }
    }

    private static Map<Integer, Long> endOffsets(Cluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }
}
