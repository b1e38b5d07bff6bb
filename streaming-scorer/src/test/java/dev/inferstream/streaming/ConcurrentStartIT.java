/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.testkit.cli.ConfigJvm;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scorers of one application started at the same moment on fresh topics: each registers the output schemas at
 * start-up, races the others on the fresh subjects, and still takes its share of the work (#22).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(360)
class ConcurrentStartIT {
    private static final int PARTITIONS = 6;
    private static final int BACKLOG = 600;
    private static final int TRICKLE = 60;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 3})
    void scorersStartedTogetherOnFreshTopicsEachScoreAShareExactlyOnce(int instances, TestStack stack)
            throws Exception {
        ScorerFixture fx = new ScorerFixture(stack, dir, PARTITIONS);
        fx.publish("fraud", 1);
        fx.produce(ScorerFixture.events(BACKLOG, 91));
        Set<String> ids =
                IntStream.range(0, instances).mapToObj(i -> "scorer-" + i).collect(Collectors.toSet());
        List<ConfigJvm> scorers = new ArrayList<>();
        Map<String, Long> shares = new TreeMap<>();
        Map<String, Integer> perInput = new HashMap<>();
        int produced = BACKLOG;
        try (KafkaConsumer<byte[], Prediction> predictions = new KafkaConsumer<>(
                stack.consumerProperties(),
                new ByteArrayDeserializer(),
                AvroDeserializer.specific(fx.registry, Prediction.class))) {
            predictions.subscribe(List.of(fx.output));
            for (String id : ids) {
                scorers.add(ScorerProcess.start(config(fx, id), dir, id));
            }
            // the backlog alone may be scored before the last instance joins: keep a trickle coming until each
            // instance has scored some of it
            int[] seed = {92};
            int[] sent = {produced};
            await("every instance scores records")
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        for (ConfigJvm scorer : scorers) {
                            assertThat(scorer.isAlive()).as(scorer.log()).isTrue();
                        }
                        read(predictions, shares, perInput);
                        if (shares.keySet().containsAll(ids)) {
                            return true;
                        }
                        fx.produce(ScorerFixture.events(TRICKLE, seed[0]++));
                        sent[0] += TRICKLE;
                        return false;
                    });
            produced = sent[0];
            int total = produced;
            await("every record scored")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> read(predictions, shares, perInput) >= total);
            // anything beyond one prediction per input would be a duplicate: read a little longer to catch it
            read(predictions, shares, perInput);
        } finally {
            for (ConfigJvm scorer : scorers) {
                scorer.close();
            }
        }
        assertThat(shares.keySet()).as("instances that scored").isEqualTo(ids);
        assertThat(shares.values()).as("each instance's share").allMatch(n -> n > 0);
        assertThat(perInput).as("distinct inputs scored").hasSize(produced);
        assertThat(perInput.values()).as("predictions per input").allMatch(n -> n == 1);
        for (ConfigJvm scorer : scorers) {
            assertThat(scorer.log()).doesNotContain("REGISTRATION_REFUSED");
        }
    }

    /** Adds newly committed predictions to the counts; returns how many predictions were read so far. */
    private static int read(
            KafkaConsumer<byte[], Prediction> consumer, Map<String, Long> shares, Map<String, Integer> perInput) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
            shares.merge(r.value().getScorer(), 1L, Long::sum);
            var source = r.value().getSource();
            perInput.merge(source.getPartition() + "@" + source.getOffset(), 1, Integer::sum);
        });
        return perInput.values().stream().mapToInt(Integer::intValue).sum();
    }

    private Properties config(ScorerFixture fx, String id) {
        return fx.config(
                "fraud",
                "scorer.id=" + id + "\nscorer.admin.port=-1\nstate.dir=" + dir.resolve("state-" + id)
                        + "\nscorer.control.topic=deployments-" + fx.input + "\nscorer.controller.interval.ms=0"
                        // a member that leaves hands its partitions over quickly
                        + "\nconsumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1000");
    }
}
