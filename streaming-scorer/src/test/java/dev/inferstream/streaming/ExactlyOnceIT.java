/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Prediction;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.cli.ConfigJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exactly-once across hard kills, in the manner of Kafka's own EosIntegrationTest: no loss, no duplicate. */
@Timeout(240)
class ExactlyOnceIT extends WithScorerFixture {
    @Test
    void everyInputIsScoredExactlyOnceWhenTheScorerIsKilledMidStream() throws Exception {
        int total = 4_000;
        List<GenericRecord> events = ScorerFixture.events(total, 11);
        Thread producer = new Thread(() -> produceSlowly(events));
        producer.start();
        try (ConfigJvm first = ScorerProcess.start(config(dir.resolve("a"), "64", "5"), dir, "first")) {
            fx.predictions(fx.output, 1_000, Duration.ofSeconds(90));
            first.kill();
        }
        try (ConfigJvm second = ScorerProcess.start(config(dir.resolve("b"), "64", "5"), dir, "second")) {
            producer.join();
            assertExactlyOnce(fx.predictions(fx.output, total, Duration.ofSeconds(120)), total);
        }
    }

    /** Restarted with a smaller batch size too: the restored records keep their place (issue 12). */
    @Test
    void bufferedRecordsSurviveACrashAndAreScoredOnceWhateverTheNextBatchSize() throws Exception {
        List<GenericRecord> events = ScorerFixture.events(25, 12);
        try (ConfigJvm first = ScorerProcess.start(config(dir.resolve("a"), "1000", "60000"), dir, "first")) {
            first.awaitLog("RUNNING", Duration.ofSeconds(60));
            fx.produce(events);
            // the waiting records are committed with the offsets that passed them: wait for the changelog to hold them
            fx.consume(
                    "scorer-" + fx.input + "-micro-batch-main-changelog",
                    25,
                    Duration.ofSeconds(60),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            assertThat(fx.consume(
                            fx.output,
                            0,
                            Duration.ofMillis(200),
                            new org.apache.kafka.common.serialization.ByteArrayDeserializer()))
                    .isEmpty();
            first.kill();
        }
        assertThat(topicConfig("scorer-" + fx.input + "-micro-batch-main-changelog"))
                .as("small segments, so compaction keeps what the next owner replays short")
                .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024))
                .containsEntry(TopicConfig.SEGMENT_MS_CONFIG, "600000")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        try (ConfigJvm second = ScorerProcess.start(config(dir.resolve("b"), "8", "100"), dir, "second")) {
            fx.produce(ScorerFixture.events(40, 14));
            assertExactlyOnce(fx.predictions(fx.output, 65, Duration.ofSeconds(90)), 65);
        }
    }

    @Test
    void atLeastOnceModeScoresEveryRecord() throws Exception {
        Properties config = fx.config("fraud", "processing.guarantee=at_least_once");
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(config))) {
            assertThat(scorer.config().exactlyOnce()).isFalse();
            scorer.awaitRunning(Duration.ofSeconds(60));
            fx.produce(ScorerFixture.events(200, 13));
            assertExactlyOnce(fx.predictions(fx.output, 200, Duration.ofSeconds(60)), 200);
        }
    }

    private Map<String, String> topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = fx.stack.admin()) {
            Map<String, String> config = new HashMap<>();
            admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .entries()
                    .forEach(e -> config.put(e.name(), e.value()));
            return config;
        }
    }

    private Properties config(Path stateDir, String batch, String waitMs) {
        Properties p = fx.config(
                "fraud",
                "scorer.batch.max.records=" + batch + "\nscorer.batch.max.wait.ms=" + waitMs
                        + "\nscorer.admin.port=-1\nstate.dir=" + stateDir
                        // a killed member's partitions move after its session times out: keep that short in tests
                        + "\nconsumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1000");
        return p;
    }

    private void produceSlowly(List<GenericRecord> events) {
        try (KafkaProducer<byte[], byte[]> producer = fx.producer()) {
            var values = new dev.inferstream.schemas.serde.AvroSerializer<GenericRecord>(fx.registry, true, false);
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(
                        fx.input, ScorerFixture.key(i), values.serialize(fx.input, events.get(i))));
                if (i % 50 == 0) {
                    producer.flush();
                    Thread.sleep(15);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertExactlyOnce(List<ConsumerRecord<byte[], Prediction>> predictions, int total) {
        Map<String, Integer> perInput = new HashMap<>();
        for (ConsumerRecord<byte[], Prediction> record : predictions) {
            var source = record.value().getSource();
            perInput.merge(source.getPartition() + "@" + source.getOffset(), 1, Integer::sum);
        }
        assertThat(perInput).as("distinct inputs scored").hasSize(total);
        assertThat(perInput.values()).as("predictions per input").allMatch(n -> n == 1);
        assertThat(predictions).hasSize(total);
    }
}
