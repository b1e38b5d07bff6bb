/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.stack.FlinkCluster;
import dev.inferstream.stack.FlinkClusterConfig;
import dev.inferstream.testkit.http.HttpText;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar submitted with Flink's CLI to a real standalone session cluster (a JobManager and TaskManager
 * processes): a file and a bounded Kafka range are scored by two jobs at once; the TaskManager running both is killed
 * ({@code kill -9}) mid-job, a spare one is started, both jobs restart from their checkpoints on it, and every input
 * row is scored exactly once in the file and Kafka outputs. Then a Parquet file, split between two slots, is scored
 * into compact Parquet columns by the job jar alone (no Hadoop on the cluster's classpath).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(420)
class StandaloneClusterIT {
    private static final int F = 30;
    private static final Schema EVENT = BatchFixture.event(F);
    private static final int FILE_ROWS = 120_000;
    private static final int KAFKA_ROWS = 60_000;
    private static final int PARQUET_ROWS = 20_000;
    /** Rows of 30 doubles and a 1000-character text column: about 34,000 rows per 40 MiB row group. */
    private static final int LARGE_ROWS = 136_000;

    private static final int PAYLOAD_CHARS = 1000;
    /**
     * A TaskManager heap of 128 MiB for two slots: room for what Flink holds and, per slot, a row group of the
     * columns the model reads (≈ 8 MiB here), not for a whole row group (≈ 40 MiB) or two of them.
     */
    private static final Map<String, String> SMALL_HEAP = Map.of(
            "taskmanager.memory.framework.heap.size", "64m",
            "taskmanager.memory.task.heap.size", "64m",
            "taskmanager.memory.managed.size", "0m");

    private static final Pattern JOB =
            Pattern.compile("\"jid\"\\s*:\\s*\"([0-9a-f]+)\"\\s*,\\s*\"name\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void jobsOnAStandaloneClusterSurviveAKilledTaskManagerAndScoreEveryRowExactlyOnce(TestStack stack)
            throws Exception {
        LocalModelRepository models = BatchFixture.models(dir.resolve("models"), "fraud", F, true);
        BatchFixture.writeAvro(dir.resolve("in/events.avro"), EVENT, BatchFixture.events(EVENT, FILE_ROWS, 7));
        String input = stack.newTopic("cluster-in", 2);
        // half of the range now, half after the kill: the Kafka job cannot finish before it, however fast it runs
        produce(stack, input, 0, KAFKA_ROWS / 2);
        String output = stack.newTopic("cluster-out", 2);

        FlinkClusterConfig config = FlinkClusterConfig.of(dir.resolve("stack"), clusterClasspath(), 0)
                .with(Map.of("heartbeat.interval", "1000", "heartbeat.timeout", "10000"));
        try (FlinkCluster flink = FlinkCluster.start(config)) {
            List<String> common = List.of(
                    "--model-repository", models.root().toString(),
                    "--model", "fraud",
                    "--version", "1",
                    "--batch-size", "16",
                    "--checkpoint-interval-ms", "500",
                    "--restart-delay-ms", "500",
                    "--parallelism", "1");
            Process fileJob = submit(
                    flink,
                    "file-job",
                    common,
                    "--input",
                    dir.resolve("in").toString(),
                    "--output",
                    dir.resolve("out").toString());
            Process kafkaJob = submit(
                    flink,
                    "kafka-job",
                    common,
                    "--input-topic",
                    input,
                    "--end-offsets",
                    "0:" + KAFKA_ROWS / 2 + ",1:" + KAFKA_ROWS / 2,
                    "--bootstrap-servers",
                    stack.bootstrapServers(),
                    "--schema-registry-url",
                    stack.registryUrl(),
                    "--output-topic",
                    output,
                    "--dead-letter-topic",
                    stack.newTopic("cluster-dlq", 1));

            Map<String, String> jobs = awaitJobs(flink, fileJob, kafkaJob);
            await("a completed checkpoint in the Kafka job")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> completedCheckpoints(flink, jobs.get("kafka-job")) > 0);
            // the file job usually still runs too; on a fast machine it may be done, then only Kafka fails over
            List<String> failedOver = new ArrayList<>(List.of(jobs.get("kafka-job")));
            if (state(flink, jobs.get("file-job")).equals("RUNNING")
                    && completedCheckpoints(flink, jobs.get("file-job")) > 0) {
                failedOver.add(jobs.get("file-job"));
            }
            flink.killTaskManager(0);
            flink.startTaskManager();
            produce(stack, input, KAFKA_ROWS / 2, KAFKA_ROWS);

            // the printed totals are Flink accumulators of the last attempt: the rows scored since the restore
            assertThat(finish(fileJob, "file-job")).contains("rows scored");
            assertThat(finish(kafkaJob, "kafka-job")).contains("rows scored");
            for (String id : failedOver) {
                assertThat(get(flink, "/jobs/" + id + "/exceptions"))
                        .as("job %s failed over", id)
                        .contains("\"entries\":[{");
            }

            // Parquet in and out from the job jar alone (no Hadoop on the cluster), one file split between 2 slots
            ParquetRows.write(
                    dir.resolve("lake/events.parquet"), EVENT, 64 * 1024, BatchFixture.events(EVENT, PARQUET_ROWS, 9));
            scoreParquetOnTwoSlots(flink, models, "parquet-job", "--output-fields", "row,key,score,id");
        }

        assertEachParquetRowScoredOnce(PARQUET_ROWS);
        Map<Long, Long> fileRows = BatchFixture.readAvro(dir.resolve("out"), Prediction.class).stream()
                .collect(Collectors.groupingBy(p -> p.getSource().getOffset(), Collectors.counting()));
        assertThat(fileRows)
                .hasSize(FILE_ROWS)
                .allSatisfy((row, times) -> assertThat(times).as("row %d", row).isOne());
        Map<String, Long> kafkaRows = consumeAll(stack, output).stream()
                .collect(Collectors.groupingBy(
                        p -> p.getSource().getPartition() + ":" + p.getSource().getOffset(), Collectors.counting()));
        assertThat(kafkaRows)
                .hasSize(KAFKA_ROWS)
                .allSatisfy((record, times) ->
                        assertThat(times).as("record %s", record).isOne());
    }

    /**
     * Regression test for #17: a Parquet reader held the chunks of every column of a row group, the ones the model
     * does not read too, and two row groups while it read the next one; two slots of a TaskManager with a small heap
     * ran out of it. Each split here holds two row groups of about 40 MiB, most of it a column the job does not read.
     */
    @Test
    void twoSlotsWithASmallHeapScoreAParquetFileOfLargeRowGroupsExactlyOnce() throws Exception {
        LocalModelRepository models = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        SchemaBuilder.FieldAssembler<Schema> wide = SchemaBuilder.record("WideEvent")
                .namespace("test.batch")
                .fields()
                .requiredString("id");
        for (int f = 0; f < F; f++) {
            wide = wide.requiredDouble("f" + f);
        }
        Schema schema = wide.requiredString("payload").endRecord();
        Random random = new Random(17);
        char[] text = new char[PAYLOAD_CHARS];
        ParquetRows.write(
                dir.resolve("lake/events.parquet"),
                schema,
                40L << 20,
                () -> IntStream.range(0, LARGE_ROWS)
                        .mapToObj(i -> {
                            GenericRecord e = new GenericData.Record(schema);
                            e.put("id", "e" + i);
                            for (int f = 0; f < F; f++) {
                                e.put("f" + f, random.nextGaussian());
                            }
                            for (int c = 0; c < text.length; c++) {
                                text[c] = (char) ('!' + random.nextInt(94));
                            }
                            e.put("payload", new String(text));
                            return e;
                        })
                        .iterator());
        FlinkClusterConfig config = FlinkClusterConfig.of(dir.resolve("stack"), clusterClasspath(), 0)
                .with(SMALL_HEAP);
        try (FlinkCluster flink = FlinkCluster.start(config)) {
            scoreParquetOnTwoSlots(
                    flink,
                    models,
                    "large-row-groups",
                    "--split-size",
                    "64m",
                    "--restart-attempts",
                    "0",
                    "--output-fields",
                    "row,score");
        }

        assertEachParquetRowScoredOnce(LARGE_ROWS);
    }

    /**
     * Regression test for #17: ONNX Runtime's shutdown hook kept each finished job's class loader in the TaskManager,
     * Avro's thread-local name validator in the JobManager's RPC threads; a session cluster ran out of metaspace after
     * about twenty jobs.
     */
    @Test
    void aSessionClusterReleasesTheClassesOfEachFinishedJob() throws Exception {
        LocalModelRepository models = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        BatchFixture.writeAvro(dir.resolve("in/events.avro"), EVENT, BatchFixture.events(EVENT, 2_000, 5));
        try (FlinkCluster flink =
                FlinkCluster.start(FlinkClusterConfig.of(dir.resolve("stack"), clusterClasspath(), 0))) {
            for (int job = 0; job < 3; job++) {
                Process cli = submit(
                        flink,
                        "job-" + job,
                        List.of("--model-repository", models.root().toString(), "--model", "fraud", "--version", "1"),
                        "--input",
                        dir.resolve("in").toString(),
                        "--output",
                        dir.resolve("out-" + job).toString());
                assertThat(finish(cli, "job-" + job)).contains("rows scored");
            }
            Map<String, Long> processes =
                    Map.of("JobManager", flink.jobManagerPid(), "TaskManager", flink.taskManagerPid(0));
            await("the finished jobs' class loaders collected")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        for (Map.Entry<String, Long> process : processes.entrySet()) {
                            jcmd(process.getValue(), "GC.run");
                            assertThat(jcmd(process.getValue(), "VM.classloader_stats"))
                                    .as("class loaders of the %s after three jobs", process.getKey())
                                    .doesNotContain("ChildFirstClassLoader");
                        }
                    });
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as("jcmd %s:%n%s", command, out).isZero();
        return out;
    }

    /** Scores the Parquet files under {@code lake/} into {@code scores.parquet} on two slots, with {@code more}. */
    private void scoreParquetOnTwoSlots(FlinkCluster flink, LocalModelRepository models, String name, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                dir.resolve("lake").toString(),
                "--input-format",
                "parquet",
                "--output",
                dir.resolve("scores.parquet").toString(),
                "--parallelism",
                "2"));
        args.addAll(List.of(more));
        Process job = submit(
                flink,
                name,
                List.of("--model-repository", models.root().toString(), "--model", "fraud", "--version", "1"),
                args.toArray(String[]::new));
        assertThat(finish(job, name)).contains("rows scored");
    }

    private void assertEachParquetRowScoredOnce(int rows) throws IOException {
        Map<Long, Long> scored = ParquetRows.read(dir.resolve("scores.parquet")).stream()
                .collect(Collectors.groupingBy(r -> (Long) r.get("row"), Collectors.counting()));
        assertThat(scored)
                .hasSize(rows)
                .allSatisfy((row, times) ->
                        assertThat(times).as("parquet row %d", row).isOne());
    }

    private static String clusterClasspath() throws IOException {
        return Files.readString(Path.of("target/local-classpath.txt")).trim()
                + File.pathSeparator
                + Files.readString(Path.of("target/flink-extras-classpath.txt")).trim();
    }

    private Process submit(FlinkCluster flink, String name, List<String> common, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "run", Path.of("target/flink-batch-scorer.jar").toAbsolutePath().toString(), "--job-name", name));
        command.addAll(common);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(flink.cliCommand(command.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().put("FLINK_CONF_DIR", flink.confDir().toString());
        return builder.start();
    }

    private String finish(Process cli, String name) throws Exception {
        boolean done = cli.waitFor(4, TimeUnit.MINUTES);
        String out = Files.readString(dir.resolve(name + ".out"));
        assertThat(done).as("flink run %s finished:%n%s", name, out).isTrue();
        assertThat(cli.exitValue()).as("flink run %s:%n%s", name, out).isZero();
        return out;
    }

    /** Job name → job id, once the cluster lists both jobs. */
    private Map<String, String> awaitJobs(FlinkCluster flink, Process... clis) {
        Map<String, String> jobs = new HashMap<>();
        await("both jobs submitted").atMost(Duration.ofMinutes(3)).until(() -> {
            for (Process cli : clis) {
                assertThat(cli.isAlive()).as("flink run exited early").isTrue();
            }
            Matcher m = JOB.matcher(get(flink, "/jobs/overview"));
            while (m.find()) {
                jobs.put(m.group(2).replace("inferstream batch scoring: ", ""), m.group(1));
            }
            return jobs.keySet().containsAll(List.of("file-job", "kafka-job"));
        });
        return jobs;
    }

    private int completedCheckpoints(FlinkCluster flink, String job) {
        Matcher m =
                Pattern.compile("\"completed\"\\s*:\\s*(\\d+)").matcher(get(flink, "/jobs/" + job + "/checkpoints"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private String state(FlinkCluster flink, String job) {
        Matcher m = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"").matcher(get(flink, "/jobs/" + job));
        return m.find() ? m.group(1) : "unknown";
    }

    private static String get(FlinkCluster flink, String path) {
        return HttpText.get(flink.restUrl() + path);
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive), alternating between the two partitions. */
    private static void produce(TestStack stack, String topic, int from, int to) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<GenericRecord> events = BatchFixture.events(EVENT, to, 8);
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        i % 2,
                        ("card-" + i).getBytes(StandardCharsets.UTF_8),
                        values.serialize(topic, events.get(i))));
            }
        }
    }

    /** Every committed record of {@code topic}, read to its end. */
    private static List<Prediction> consumeAll(TestStack stack, String topic) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        List<Prediction> out = new ArrayList<>();
        try (KafkaConsumer<byte[], Prediction> consumer = new KafkaConsumer<>(
                stack.consumerProperties(),
                new ByteArrayDeserializer(),
                AvroDeserializer.specific(registry, Prediction.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("the end of " + topic).atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return out;
    }
}
