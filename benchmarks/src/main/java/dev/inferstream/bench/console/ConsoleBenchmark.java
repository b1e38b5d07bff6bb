/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.console;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.auth.Passwords;
import dev.inferstream.console.auth.Users;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.server.ConsoleServer;
import dev.inferstream.console.state.ConsoleAction;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.control.RolloutChanges;
import dev.inferstream.control.TopicWriter;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.stack.LocalStack;
import dev.inferstream.stack.StackConfig;
import dev.inferstream.stack.StackState;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How long the console's pages take on a loaded local stack: 10 models × 5 versions, a rollout history per model,
 * an hour of scorer status reports, a million predictions on the prediction topic, 100,000 dead letters on the
 * followed dead-letter topic and 30,000 console actions. Times each page over HTTP (server render and transfer, as
 * the browser's document request sees it) once cold and then {@value #ROUNDS} times, and prints a Markdown table.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.console.ConsoleBenchmark [predictions]}</pre>
 */
public final class ConsoleBenchmark {
    static final int MODELS = 10;
    static final int VERSIONS = 5;
    static final int ROUNDS = 20;
    static final int STATUS_REPORTS = 720;
    static final int DEAD_LETTERS = 100_000;
    static final int ACTIONS = 30_000;

    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        long predictions = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("inferstream-console-bench");
        StackState stack = LocalStack.start(
                StackConfig.ephemeral(work.resolve("stack")),
                ProcessHandle.current().pid());
        try {
            new ConsoleBenchmark().run(stack, work, predictions);
        } finally {
            LocalStack.stop(work.resolve("stack"));
        }
        System.exit(0);
    }

    private void run(StackState stack, Path work, long predictions) throws Exception {
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", stack.bootstrapServers());
        client.setProperty("schema.registry.url", stack.registryUrl());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        ControlTopics topics = ControlTopics.defaults();
        String dlq = "bench.transactions.dlq";
        String predictionsTopic = "bench.predictions";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(dlq, 1, (short) 1),
                            new NewTopic(predictionsTopic, 4, (short) 1),
                            new NewTopic(ConsoleConfig.DEFAULT_AUDIT_TOPIC, 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        LocalModelRepository repository = new LocalModelRepository(work.resolve("models"));
        long t0 = System.nanoTime();
        for (int m = 0; m < MODELS; m++) {
            for (int v = 1; v <= VERSIONS; v++) {
                repository.publish(
                        new ModelRef("model-" + m, v),
                        TestModels.manifest("model-" + m, v, 30, TestModels.BINARY_OUTPUTS)
                                .getBytes(StandardCharsets.UTF_8),
                        TestModels.mlp(30, 16, 8, 2, v));
            }
        }
        ControlPlane control = new ControlPlane(client, registry, topics);
        for (int m = 0; m < MODELS; m++) {
            history(control, repository, "model-" + m);
        }
        statuses(control, client, registry);
        produce(client, registry, predictionsTopic, predictions, dlq);
        out.printf(
                "setup: %d models × %d versions, %,d predictions, %,d dead letters, %,d actions in %d s%n",
                MODELS,
                VERSIONS,
                predictions,
                DEAD_LETTERS,
                ACTIONS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));

        Path users = work.resolve("users.properties");
        Files.writeString(users, "bench = admin " + Passwords.hash("bench-password".toCharArray(), 10_000) + "\n");
        Properties p = new Properties();
        p.putAll(client);
        p.setProperty(ConsoleConfig.PORT, "0");
        p.setProperty(ConsoleConfig.REPOSITORY, repository.root().toString());
        p.setProperty(ConsoleConfig.DEAD_LETTER_TOPICS, dlq);
        p.setProperty(ConsoleConfig.USERS_FILE, users.toString());
        p.setProperty(ConsoleConfig.WORK_DIR, work.resolve("console").toString());
        ConsoleConfig config = ConsoleConfig.from(p, Map.of());
        long start = System.nanoTime();
        ConsoleServices services = new ConsoleServices(config, Users.load(users), false, Clock.systemUTC());
        ConsoleServer server = ConsoleServer.start(config, services);
        while (!services.follower().caughtUp()) {
            Thread.sleep(50);
        }
        out.printf(
                "console started and caught up with the topics in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        try {
            measure("http://127.0.0.1:" + server.port());
        } finally {
            server.close();
        }
    }

    private void measure(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=bench&password="
                                + URLEncoder.encode("bench-password", StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        List<String> pages = List.of(
                "/",
                "/models",
                "/models/model-3",
                "/models/model-3/versions/5",
                "/models/model-3/compare?a=4&b=5",
                "/models/model-3/rollout",
                "/models/model-3/deploy",
                "/models/model-3/versions/5/card",
                "/test/predict?model=model-3",
                "/monitoring/dead-letters",
                "/monitoring/drift",
                "/governance/audit",
                "/governance/underperforming");
        out.println();
        out.println("| page | first (ms) | median (ms) | p95 (ms) | max (ms) | size |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (String page : pages) {
            double first = time(http, base + page)[0];
            double[] times = new double[ROUNDS];
            long size = 0;
            for (int i = 0; i < ROUNDS; i++) {
                double[] t = time(http, base + page);
                times[i] = t[0];
                size = (long) t[1];
            }
            Arrays.sort(times);
            out.printf(
                    "| `%s` | %.1f | %.1f | %.1f | %.1f | %,d B |%n",
                    page, first, times[ROUNDS / 2], times[(int) Math.ceil(0.95 * ROUNDS) - 1], times[ROUNDS - 1], size);
        }
    }

    private static double[] time(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return new double[] {ms, r.body().length};
    }

    /** deploy v1, shadow v2, canary v2, promote, canary v3, rollback, shadow v4, … : 12 revisions per model. */
    private static void history(ControlPlane control, LocalModelRepository repository, String model) {
        List<dev.inferstream.control.RolloutChange> changes = new ArrayList<>(List.of(
                RolloutChanges.deploy(model, 1),
                RolloutChanges.shadow(model, 2),
                RolloutChanges.canary(model, 2, BigDecimal.valueOf(5), RolloutChanges.Gates.none()),
                RolloutChanges.canary(model, 2, BigDecimal.valueOf(25), RolloutChanges.Gates.none()),
                RolloutChanges.promote(model, null),
                RolloutChanges.shadow(model, 3),
                RolloutChanges.canary(model, 3, BigDecimal.valueOf(10), RolloutChanges.Gates.none()),
                RolloutChanges.rollback(model),
                RolloutChanges.shadow(model, 4),
                RolloutChanges.canary(model, 4, BigDecimal.valueOf(10), RolloutChanges.Gates.none()),
                RolloutChanges.promote(model, null),
                RolloutChanges.shadow(model, 5)));
        for (var change : changes) {
            control.change(change, "bench", null, repository);
        }
    }

    /** An hour of status reports every 5 s from two scorers per model, with per-arm counts. */
    private static void statuses(ControlPlane control, Properties client, SchemaRegistryClient registry) {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        try (TopicWriter<ScorerStatus> writer = control.statusWriter()) {
            for (int i = 0; i < STATUS_REPORTS; i++) {
                Instant at = start.plusSeconds(5L * i);
                for (int m = 0; m < MODELS; m++) {
                    for (int s = 0; s < 2; s++) {
                        writer.write(ScorerStatus.newBuilder()
                                .setModel("model-" + m)
                                .setScorer("scorer-" + s)
                                .setStartedAt(start)
                                .setUpdatedAt(at)
                                .setDeploymentRevision(12L)
                                .setArms(List.of(
                                        new ArmStats(4, "stable", 1000L * i, (long) (i / 10), 900.0 + i % 50),
                                        new ArmStats(5, "shadow:5", 1000L * i, 0L, 950.0 + i % 50)))
                                .build());
                    }
                }
            }
        }
    }

    private void produce(
            Properties client, SchemaRegistryClient registry, String predictionsTopic, long count, String dlq)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, client.getProperty("bootstrap.servers"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer<Prediction> predictions = new AvroSerializer<>(registry, true, false);
        AvroSerializer<DeadLetter> letters = new AvroSerializer<>(registry, true, false);
        Instant now = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                Prediction p = Prediction.newBuilder()
                        .setPredictionId("p-" + i)
                        .setKey("card-" + (i % 1000))
                        .setModel("model-" + (i % MODELS))
                        .setVersion(4)
                        .setSha256("0".repeat(64))
                        .setArm("stable")
                        .setScore((i % 1000) / 1000.0)
                        .setLabel(i % 7 == 0 ? "fraud" : "legit")
                        .setSource(new SourceRecord("kafka", "bench.transactions", (int) (i % 4), i / 4))
                        .setEventTime(now)
                        .setScoredAt(now)
                        .setLatencyMicros(300)
                        .build();
                producer.send(new ProducerRecord<>(
                        predictionsTopic,
                        p.getKey().getBytes(StandardCharsets.UTF_8),
                        predictions.serialize(predictionsTopic, p)));
            }
            for (int i = 0; i < DEAD_LETTERS; i++) {
                DeadLetter l = DeadLetter.newBuilder()
                        .setStage(Stage.DECODE)
                        .setReason("UNKNOWN_SCHEMA_ID")
                        .setErrorClass("AvroSerdeException")
                        .setErrorMessage("schema id " + (900 + i % 5) + " is unknown")
                        .setValue(ByteBuffer.wrap(("bad record " + i).getBytes(StandardCharsets.UTF_8)))
                        .setSource(new SourceRecord("kafka", "bench.transactions", 0, (long) i))
                        .setModel("model-" + (i % MODELS))
                        .setEventTime(now)
                        .setFailedAt(now)
                        .build();
                producer.send(new ProducerRecord<>(dlq, null, letters.serialize(dlq, l)));
            }
            for (int i = 0; i < ACTIONS; i++) {
                ConsoleAction a = new ConsoleAction(
                        now.minusSeconds(ACTIONS - i),
                        "bench",
                        "admin",
                        "score-file",
                        "model-" + (i % MODELS),
                        "file-" + i + ".csv",
                        "done");
                producer.send(new ProducerRecord<>(ConsoleConfig.DEFAULT_AUDIT_TOPIC, null, a.toJson()));
            }
        }
    }
}
