/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Combiner;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.StreamingScorer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The batch job over bounded Kafka ranges on the real broker and registry, and its parity with the streaming scorer. */
@ExtendWith(LocalStackExtension.class)
@Timeout(240)
class KafkaRangeScoringIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    private static final int F = 30;
    private static final Schema EVENT = BatchFixture.event(F);

    @TempDir
    Path dir;

    private TestStack stack;
    private SchemaRegistryClient registry;
    private LocalModelRepository repo;
    private String input;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        this.repo = BatchFixture.models(dir.resolve("models"), "fraud", F, true);
        this.input = stack.newTopic("events", 2);
    }

    @Test
    void scoresABoundedRangeIntoAPredictionTopicWithDeadLetters() throws Exception {
        produce(BatchFixture.events(EVENT, 300, 1), true);
        String output = stack.newTopic("predictions", 2);
        String dlq = stack.newTopic("dlq", 1);

        runBatch("--output-topic", output, "--dead-letter-topic", dlq);

        List<ConsumerRecord<byte[], Prediction>> predictions =
                consume(output, 300, AvroDeserializer.specific(registry, Prediction.class));
        assertThat(predictions).hasSize(300).allSatisfy(r -> {
            assertThat(header(r, "ml.model")).isEqualTo("fraud");
            assertThat(header(r, "ml.prediction.id")).isEqualTo(r.value().getPredictionId());
            assertThat(header(r, "trace")).startsWith("t-");
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(r.value().getKey());
        });
        List<ConsumerRecord<byte[], DeadLetter>> letters =
                consume(dlq, 1, AvroDeserializer.specific(registry, DeadLetter.class));
        assertThat(letters)
                .singleElement()
                .satisfies(r -> assertThat(r.value().getReason()).isEqualTo("BAD_MAGIC_BYTE"));
    }

    @Test
    void parallelSubtasksWritingToFreshTopicsNeverFailToRegisterTheirSchemas() throws Exception {
        // #22: parallel writers register the same envelope schemas under fresh subjects at the same moment
        produce(BatchFixture.events(EVENT, 600, 5), true);
        String output = stack.newTopic("predictions", 2);
        String dlq = stack.newTopic("dlq", 2);
        runBatch("--output-topic", output, "--dead-letter-topic", dlq, "--restart-attempts", "0");

        assertThat(consume(output, 600, AvroDeserializer.specific(registry, Prediction.class)))
                .hasSize(600);
        assertThat(consume(dlq, 1, AvroDeserializer.specific(registry, DeadLetter.class)))
                .hasSize(1);
    }

    @Test
    void batchAndStreamingScorersProduceIdenticalPredictionsForTheSameRecords() throws Exception {
        List<GenericRecord> events = BatchFixture.events(EVENT, 400, 2);
        produce(events, false);
        String online = stack.newTopic("online", 2);
        String batch = stack.newTopic("batch", 2);

        Properties config = scorerConfig(online);
        List<ConsumerRecord<byte[], Prediction>> streamed;
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(config))) {
            streamed = consume(online, 400, AvroDeserializer.specific(registry, Prediction.class));
        }
        runBatch(
                "--output-topic", batch, "--dead-letter-topic", stack.newTopic("batch-dlq", 1), "--batch-size", "1000");
        List<ConsumerRecord<byte[], Prediction>> batched =
                consume(batch, 400, AvroDeserializer.specific(registry, Prediction.class));

        Map<String, Prediction> byId = new HashMap<>();
        batched.forEach(r -> byId.put(r.value().getPredictionId(), r.value()));
        assertThat(byId).hasSize(400);
        for (ConsumerRecord<byte[], Prediction> r : streamed) {
            Prediction s = r.value();
            Prediction b = byId.get(s.getPredictionId());
            assertThat(b).as("batch prediction for %s", s.getSource()).isNotNull();
            assertThat(b.getScore()).isEqualTo(s.getScore());
            assertThat(b.getProbabilities()).isEqualTo(s.getProbabilities());
            assertThat(b.getLabel()).isEqualTo(s.getLabel());
            assertThat(b.getVersion()).isEqualTo(s.getVersion());
            assertThat(b.getArm()).isEqualTo(s.getArm());
            assertThat(b.getSha256()).isEqualTo(s.getSha256());
            assertThat(b.getSource()).isEqualTo(s.getSource());
        }

        // the same events in a Parquet file, scored on the columnar path: every event's streamed score, bit for bit
        Map<String, String> eventIds = new HashMap<>();
        for (ConsumerRecord<byte[], GenericRecord> r :
                consume(input, 400, AvroDeserializer.<GenericRecord>generic(registry))) {
            eventIds.put(r.partition() + ":" + r.offset(), r.value().get("id").toString());
        }
        ParquetRows.write(dir.resolve("parquet/events.parquet"), EVENT, 16 * 1024, events);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(
                env,
                BatchFixture.fileJob(
                        dir.resolve("parquet"),
                        dir.resolve("columns.parquet"),
                        repo,
                        "--input-format",
                        "parquet",
                        "--output-fields",
                        "id,score,label,version"));
        assertThat(env.getExecutionPlan()).contains("(columnar)");
        env.execute("columnar");
        Map<String, GenericRecord> columnar = new HashMap<>();
        ParquetRows.read(dir.resolve("columns.parquet"))
                .forEach(r -> columnar.put(r.get("id").toString(), r));
        assertThat(columnar).hasSize(400);
        for (ConsumerRecord<byte[], Prediction> r : streamed) {
            Prediction s = r.value();
            String id = eventIds.get(
                    s.getSource().getPartition() + ":" + s.getSource().getOffset());
            GenericRecord c = columnar.get(id);
            assertThat(c.get("score")).as("event %s", id).isEqualTo(s.getScore());
            assertThat(c.get("label").toString()).isEqualTo(s.getLabel());
            assertThat(c.get("version")).isEqualTo(s.getVersion());
        }
    }

    static List<Arguments> rollouts() {
        return List.of(
                Arguments.of(
                        "canary",
                        (java.util.function.UnaryOperator<Deployment.Builder>)
                                d -> d.setCanary(new dev.inferstream.schemas.Canary(2, 3_000, null)),
                        List.of("stable", "canary")),
                Arguments.of(
                        "ensemble",
                        (java.util.function.UnaryOperator<Deployment.Builder>) d -> d.setEnsemble(new Ensemble(
                                List.of(new EnsembleMember(1, 1.0), new EnsembleMember(2, 3.0)),
                                Combiner.WEIGHTED_MEAN)),
                        List.of("ensemble")),
                Arguments.of(
                        "cascade",
                        (java.util.function.UnaryOperator<Deployment.Builder>)
                                d -> d.setCascade(new Cascade(1, 2, Confidence.MARGIN, 0.02)),
                        List.of("cascade:1", "cascade:2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollouts")
    void batchAndStreamingGiveEachRecordTheSameArmAndPredictionUnder(
            String pattern, java.util.function.UnaryOperator<Deployment.Builder> rollout, List<String> arms)
            throws Exception {
        repo.publish(
                new dev.inferstream.model.repository.ModelRef("fraud", 2),
                BatchFixture.manifest("fraud", 2, F).getBytes(StandardCharsets.UTF_8),
                dev.inferstream.testkit.onnx.TestModels.mlp(F, 16, 8, 2, 2));
        String control = stack.newTopic("deployments", 1);
        Deployment deployment = rollout.apply(Deployment.newBuilder()
                        .setModel("fraud")
                        .setStable(1)
                        .setRevision(1)
                        .setChangedBy("test")
                        .setChangedAt(java.time.Instant.now())
                        .setReason(pattern))
                .build();
        new ControlPlane(stack.producerProperties(), registry, ControlTopics.forDeployments(control))
                .publish(deployment);
        produce(BatchFixture.events(EVENT, 300, 3), false, true);
        String online = stack.newTopic("online", 2);
        String batch = stack.newTopic("batch", 2);

        Properties config = scorerConfig(online);
        config.setProperty("scorer.route.r.version", "1");
        config.setProperty("scorer.control.topic", control);
        List<ConsumerRecord<byte[], Prediction>> streamed;
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(config))) {
            assertThat(scorer.models().deployment("fraud").orElseThrow().revision())
                    .isEqualTo(1);
            streamed = consume(online, 300, AvroDeserializer.specific(registry, Prediction.class));
        }
        runJob(
                pattern + " backfill",
                rangeJob(
                        input,
                        "--model",
                        "fraud",
                        "--deployment-topic",
                        control,
                        "--output-topic",
                        batch,
                        "--dead-letter-topic",
                        stack.newTopic("batch-dlq", 1),
                        "--parallelism",
                        "2"));
        List<ConsumerRecord<byte[], Prediction>> batched =
                consume(batch, 300, AvroDeserializer.specific(registry, Prediction.class));

        Map<String, Prediction> bySource = new HashMap<>();
        batched.forEach(r -> bySource.put(r.value().getSource().toString(), r.value()));
        assertThat(streamed).hasSize(300);
        assertThat(streamed.stream().map(r -> r.value().getArm()).distinct()).containsExactlyInAnyOrderElementsOf(arms);
        if (pattern.equals("canary")) {
            assertThat(streamed.stream()
                            .filter(r -> r.key() == null)
                            .map(r -> r.value().getArm())
                            .distinct())
                    .as("keyless records are split by their lineage, into both arms")
                    .containsExactlyInAnyOrder("stable", "canary");
        }
        for (ConsumerRecord<byte[], Prediction> r : streamed) {
            Prediction s = r.value();
            Prediction b = bySource.get(s.getSource().toString());
            assertThat(b.getKey()).isEqualTo(s.getKey());
            assertThat(b.getArm()).isEqualTo(s.getArm());
            assertThat(b.getVersion()).isEqualTo(s.getVersion());
            assertThat(b.getSha256()).isEqualTo(s.getSha256());
            assertThat(b.getScore()).isEqualTo(s.getScore());
            assertThat(b.getProbabilities()).isEqualTo(s.getProbabilities());
            assertThat(b.getPredictionId()).isEqualTo(s.getPredictionId());
            assertThat(b.getMembers())
                    .extracting(m -> m.getRole() + ":" + m.getVersion() + ":" + m.getScore())
                    .isEqualTo(s.getMembers().stream()
                            .map(m -> m.getRole() + ":" + m.getVersion() + ":" + m.getScore())
                            .toList());
        }
    }

    @Test
    void anAuditRecordReproducesItsPredictionThroughTheBatchScorerBitForBit() throws Exception {
        produce(BatchFixture.events(EVENT, 100, 4), false);
        String online = stack.newTopic("online", 2);
        String audit = stack.newTopic("audit", 2);
        Properties config = scorerConfig(online);
        config.setProperty("scorer.route.r.version", "1");
        config.setProperty("scorer.audit.topic", audit);
        try (StreamingScorer scorer = StreamingScorer.start(ScorerConfig.from(config))) {
            consume(online, 100, AvroDeserializer.specific(registry, Prediction.class));
        }
        List<ConsumerRecord<byte[], dev.inferstream.schemas.Audit>> audits =
                consume(audit, 100, AvroDeserializer.specific(registry, dev.inferstream.schemas.Audit.class));
        assertThat(audits).hasSize(100);

        for (dev.inferstream.schemas.Audit a :
                List.of(audits.get(7).value(), audits.get(63).value())) {
            // the audit record names the source record and the version: score exactly that record again
            String range = a.getSource().getPartition() + ":" + a.getSource().getOffset();
            String end = a.getSource().getPartition() + ":" + (a.getSource().getOffset() + 1);
            String again = stack.newTopic("again", 1);
            runJob(
                    "reproduce " + a.getPredictionId(),
                    rangeJob(
                            a.getSource().getName(),
                            "--start-offsets",
                            range,
                            "--end-offsets",
                            end,
                            "--model",
                            a.getModel(),
                            "--version",
                            Integer.toString(a.getVersion()),
                            "--output-topic",
                            again,
                            "--dead-letter-topic",
                            stack.newTopic("again-dlq", 1),
                            "--parallelism",
                            "1"));
            Prediction reproduced = consume(again, 1, AvroDeserializer.specific(registry, Prediction.class))
                    .get(0)
                    .value();
            assertThat(reproduced.getPredictionId()).isEqualTo(a.getPredictionId());
            assertThat(reproduced.getSha256()).isEqualTo(a.getSha256());
            assertThat(reproduced.getScore()).isEqualTo(a.getScore());
            assertThat(reproduced.getLabel()).isEqualTo(a.getLabel());
            assertThat(reproduced.getProbabilities()).isEqualTo(a.getProbabilities());
        }
    }

    private Properties scorerConfig(String output) throws Exception {
        Properties config = new Properties();
        config.setProperty("application.id", "parity-" + output);
        config.setProperty("bootstrap.servers", stack.bootstrapServers());
        config.setProperty("schema.registry.url", stack.registryUrl());
        config.setProperty("state.dir", dir.resolve("state-" + output).toString());
        config.setProperty("commit.interval.ms", "100");
        config.setProperty("scorer.model.repository", repo.root().toString());
        config.setProperty("scorer.routes", "r");
        config.setProperty("scorer.route.r.input", input);
        config.setProperty("scorer.route.r.model", "fraud");
        config.setProperty("scorer.route.r.output", output);
        config.setProperty("scorer.route.r.dead-letter", stack.newTopic("online-dlq", 1));
        config.setProperty("scorer.admin.port", "-1");
        return config;
    }

    private void runBatch(String... extra) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--model", "fraud", "--version", "1", "--checkpoint-interval-ms", "500", "--parallelism", "2"));
        args.addAll(List.of(extra));
        runJob("kafka range", rangeJob(input, args.toArray(String[]::new)));
    }

    /** The job's options to score {@code topic} on the test stack with the models of {@code repo}, then {@code more}. */
    private JobOptions rangeJob(String topic, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--input-topic",
                topic,
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--model-repository",
                repo.root().toString()));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(String[]::new));
    }

    private static void runJob(String name, JobOptions options) throws Exception {
        BatchFixture.runJob(name, options, rows -> rows);
    }

    private void produce(List<GenericRecord> events, boolean withGarbage) {
        produce(events, withGarbage, false);
    }

    /** {@code someKeyless}: every third record has no key (its routing then follows its lineage). */
    private void produce(List<GenericRecord> events, boolean withGarbage, boolean someKeyless) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
            for (int i = 0; i < events.size(); i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        input,
                        someKeyless && i % 3 == 0 ? null : ("card-" + i % 31).getBytes(StandardCharsets.UTF_8),
                        values.serialize(input, events.get(i)));
                record.headers().add("trace", ("t-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            if (withGarbage) {
                producer.send(new ProducerRecord<>(
                        input, "junk".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private <T> List<ConsumerRecord<byte[], T>> consume(String topic, int count, Deserializer<T> values) {
        List<ConsumerRecord<byte[], T>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer =
                new KafkaConsumer<>(stack.consumerProperties(), new ByteArrayDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            await(count + " records on " + topic)
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                        return out.size() >= count;
                    });
            // read on to the end of every partition, so that an extra (duplicate) record would show
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await("the end of " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return out;
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
