/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.demo.CardTransaction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The quickstart: publishes demo models, creates topics, starts the streaming scorer as users run it
 * ({@code java -jar streaming-scorer.jar --config …}), sends card transactions (and a few bad records), and
 * prints predictions, dead letters and a summary.
 */
public final class Quickstart {
    private static final String INPUT = "demo.transactions";
    private static final String OUTPUT = "demo.fraud-predictions";
    private static final String DLQ = "demo.transactions.dlq";
    private static final String SHADOW = "demo.fraud-predictions.shadow";
    private static final int ADMIN_PORT = 18080;
    private static final int REST_PORT = 18000;
    private static final int GRPC_PORT = 18001;

    private final PrintStream out = System.out;
    private final Map<String, String> args;

    private Quickstart(Map<String, String> args) {
        this.args = args;
    }

    private static final String USAGE = """
            usage: java -jar demo/target/demo.jar [--bootstrap HOST:PORT] [--registry URL] [--workdir DIR]
                                                  [--scorer-jar FILE] [--events N]
                   java -jar demo/target/demo.jar write-models DIR
                   java -jar demo/target/demo.jar write-batch-input FILE.avro ROWS
                   java -jar demo/target/demo.jar summarize-batch PREDICTIONS_DIR DEAD_LETTERS_DIR
              The quickstart's driver (scripts/quickstart runs it on the local stack): publishes demo models, starts
              the streaming scorer, sends card transactions and drives rollouts.""";
    private static final Set<String> OPTIONS =
            Set.of("--bootstrap", "--registry", "--workdir", "--scorer-jar", "--events");

    public static void main(String[] argv) throws Exception {
        if (argv.length == 1 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (argv.length == 1 && (argv[0].equals("--version") || argv[0].equals("-V"))) {
            System.out.println(ProjectVersion.line("demo"));
            return;
        }
        if (argv.length == 3 && argv[0].equals("write-batch-input")) {
            new DemoBatch().writeInput(Path.of(argv[1]), Integer.parseInt(argv[2]));
            return;
        }
        if (argv.length == 2 && argv[0].equals("write-models")) {
            LocalModelRepository repo = DemoModels.write(Path.of(argv[1]));
            System.out.println("demo models in " + repo.root() + ": fraud versions " + repo.versions(DemoModels.MODEL));
            return;
        }
        if (argv.length == 3 && argv[0].equals("summarize-batch")) {
            new DemoBatch().summarize(Path.of(argv[1]), Path.of(argv[2]));
            return;
        }
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!OPTIONS.contains(argv[i]) || i + 1 >= argv.length) {
                System.err.println(
                        (OPTIONS.contains(argv[i]) ? argv[i] + " needs a value" : "unknown argument '" + argv[i] + "'")
                                + "\n" + USAGE);
                System.exit(2);
            }
            args.put(argv[i], argv[i + 1]);
        }
        new Quickstart(args).run();
    }

    private void run() throws Exception {
        String bootstrap = args.getOrDefault("--bootstrap", "127.0.0.1:9092");
        String registryUrl = args.getOrDefault("--registry", "http://127.0.0.1:8081/apis/ccompat/v7");
        Path work = Path.of(args.getOrDefault("--workdir", ".local-stack/quickstart"))
                .toAbsolutePath();
        Path scorerJar = Path.of(args.getOrDefault("--scorer-jar", "streaming-scorer/target/streaming-scorer.jar"));
        int events = Integer.parseInt(args.getOrDefault("--events", "2000"));
        Files.createDirectories(work);

        step("1. model repository");
        LocalModelRepository repo = DemoModels.write(work.resolve("models"));
        out.println("   " + repo.root() + ": fraud versions " + repo.versions(DemoModels.MODEL));

        step("2. topics");
        createTopics(bootstrap);

        step("3. streaming scorer (java -jar " + scorerJar + ")");
        Path config = writeScorerConfig(work, bootstrap, registryUrl, repo.root());
        deleteState(work.resolve("scorer-state"));
        Process scorer = new ProcessBuilder("java", "-jar", scorerJar.toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("scorer.log").toFile())
                .start();
        try {
            awaitReady(scorer, work.resolve("scorer.log"));
            out.println("   ready; admin port http://127.0.0.1:" + ADMIN_PORT + "/metrics, log "
                    + work.resolve("scorer.log"));

            step("4. sending " + events + " card transactions and 3 bad records to " + INPUT);
            SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(registryUrl));
            Map<String, CardTransaction> sent = send(bootstrap, registry, events, true);

            step("5. predictions from " + OUTPUT);
            List<ConsumerRecord<byte[], Prediction>> predictions = read(
                    bootstrap,
                    OUTPUT,
                    sent.size(),
                    AvroDeserializer.specific(registry, Prediction.class),
                    sent.keySet());
            List<ConsumerRecord<byte[], DeadLetter>> letters =
                    read(bootstrap, DLQ, 3, AvroDeserializer.specific(registry, DeadLetter.class), null);
            summarize(predictions, letters, sent, repo);

            step("7b. one request over each protocol (Open Inference Protocol: REST :" + REST_PORT + ", gRPC :"
                    + GRPC_PORT + ")");
            Prediction first = predictions.get(0).value();
            new RequestTour(out, REST_PORT, GRPC_PORT)
                    .run(
                            first,
                            sent.get(first.getSource().getPartition() + "@"
                                    + first.getSource().getOffset()));

            step("8. rollouts with scripts/scorerctl: shadow, canary, promote, rollback (live, no restart)");
            ControlPlane control = new ControlPlane(clientConfig(bootstrap), registry, ControlTopics.defaults());
            String[] connection = {
                "--bootstrap-servers",
                bootstrap,
                "--schema-registry",
                registryUrl,
                "--repository",
                repo.root().toString()
            };
            new RolloutTour(out, connection, control, (count, readShadows) -> {
                        Map<String, CardTransaction> round = send(bootstrap, registry, count, false);
                        List<Prediction> main = values(read(
                                bootstrap,
                                OUTPUT,
                                round.size(),
                                AvroDeserializer.specific(registry, Prediction.class),
                                round.keySet()));
                        List<Prediction> shadows = readShadows
                                ? values(read(
                                        bootstrap,
                                        SHADOW,
                                        round.size(),
                                        AvroDeserializer.specific(registry, Prediction.class),
                                        round.keySet()))
                                : List.of();
                        return new RolloutTour.Sent(main, shadows);
                    })
                    .run(DemoModels.MODEL, 1, 2);
        } finally {
            scorer.destroy();
            if (!scorer.waitFor(40, TimeUnit.SECONDS)) {
                scorer.destroyForcibly();
            }
        }
    }

    private void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of(INPUT, OUTPUT, DLQ, SHADOW)) {
                if (!existing.contains(topic)) {
                    topics.add(new NewTopic(topic, topic.equals(DLQ) ? 1 : 3, (short) 1));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            out.println("   " + INPUT + ", " + OUTPUT + ", " + DLQ + ", " + SHADOW);
        }
    }

    private Path writeScorerConfig(Path work, String bootstrap, String registryUrl, Path models) throws IOException {
        String text = String.join(
                "\n",
                "application.id=quickstart-scorer",
                "bootstrap.servers=" + bootstrap,
                "schema.registry.url=" + registryUrl,
                "processing.guarantee=exactly_once_v2",
                "commit.interval.ms=100",
                "state.dir=" + work.resolve("scorer-state"),
                "scorer.model.repository=" + models,
                "scorer.routes=fraud",
                "scorer.route.fraud.input=" + INPUT,
                "scorer.route.fraud.model=fraud",
                "scorer.route.fraud.version=latest",
                "scorer.route.fraud.output=" + OUTPUT,
                "scorer.route.fraud.dead-letter=" + DLQ,
                "scorer.route.fraud.shadow=" + SHADOW,
                "scorer.batch.max.records=64",
                "scorer.batch.max.wait.ms=5",
                "scorer.admin.port=" + ADMIN_PORT,
                "scorer.serving.rest.port=" + REST_PORT,
                "scorer.serving.grpc.port=" + GRPC_PORT,
                "scorer.id=quickstart",
                "scorer.status.interval.ms=1000",
                "");
        Path config = work.resolve("scorer.properties");
        Files.writeString(config, text);
        out.println("   config " + config);
        return config;
    }

    /** Local state left by an earlier run may belong to another (since restarted) stack: start clean. */
    private static void deleteState(Path state) throws IOException {
        if (Files.exists(state)) {
            try (var paths = Files.walk(state)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void awaitReady(Process scorer, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!scorer.isAlive()) {
                throw new IllegalStateException("the scorer exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the admin port is not open yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the scorer did not become ready; see " + log);
    }

    private static Properties clientConfig(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    private static List<Prediction> values(List<ConsumerRecord<byte[], Prediction>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private Map<String, CardTransaction> send(
            String bootstrap, SchemaRegistryClient registry, int count, boolean withBadRecords) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Map<String, CardTransaction> sent = new HashMap<>();
        DemoEvents demo = new DemoEvents(System.nanoTime());
        AvroSerializer<CardTransaction> values = new AvroSerializer<>(registry, true, false);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            List<CardTransaction> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                CardTransaction tx = demo.next(i);
                txs.add(tx);
                acks.add(producer.send(new ProducerRecord<>(INPUT, utf8(tx.getCardId()), values.serialize(INPUT, tx))));
            }
            if (withBadRecords) {
                CardTransaction nan = demo.next(count);
                nan.setAmount(Double.NaN);
                producer.send(new ProducerRecord<>(INPUT, utf8("bad-nan"), values.serialize(INPUT, nan)));
                producer.send(new ProducerRecord<>(INPUT, utf8("bad-json"), utf8("{\"amount\": 12.5}")));
                CardTransaction unknownChannel = demo.next(count + 1);
                unknownChannel.setChannel("carrier-pigeon");
                producer.send(
                        new ProducerRecord<>(INPUT, utf8("bad-channel"), values.serialize(INPUT, unknownChannel)));
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata m = acks.get(i).get();
                sent.put(m.partition() + "@" + m.offset(), txs.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending transactions failed: " + e.getCause(), e.getCause());
        }
        out.printf("   sent in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return sent;
    }

    private <T> List<ConsumerRecord<byte[], T>> read(
            String bootstrap, String topic, int count, Deserializer<T> values, Set<String> wanted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quickstart-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], T>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted == null || wanted.contains(source(r))) {
                        records.add(r);
                    }
                }
            }
        }
        if (wanted == null && records.size() > count) {
            return records.subList(records.size() - count, records.size());
        }
        return records;
    }

    private static String source(ConsumerRecord<byte[], ?> r) {
        if (r.value() instanceof Prediction p) {
            return p.getSource().getPartition() + "@" + p.getSource().getOffset();
        }
        return "";
    }

    private void summarize(
            List<ConsumerRecord<byte[], Prediction>> predictions,
            List<ConsumerRecord<byte[], DeadLetter>> letters,
            Map<String, CardTransaction> sent,
            LocalModelRepository repo)
            throws Exception {
        out.println("   first predictions:");
        out.println("   key        label   score    model/version  arm     latency");
        for (ConsumerRecord<byte[], Prediction> r : predictions.subList(0, Math.min(5, predictions.size()))) {
            Prediction p = r.value();
            out.printf(
                    "   %-10s %-7s %.5f  %s/%d        %-7s %s µs%n",
                    p.getKey(),
                    p.getLabel(),
                    p.getScore(),
                    p.getModel(),
                    p.getVersion(),
                    p.getArm(),
                    header(r, "ml.latency.us"));
        }
        out.println("   headers of the first: " + headers(predictions.get(0)));

        step("6. dead letters from " + DLQ);
        for (ConsumerRecord<byte[], DeadLetter> r : letters) {
            DeadLetter d = r.value();
            out.printf(
                    "   %-12s %-16s %-18s %s%n",
                    new String(r.key(), StandardCharsets.UTF_8),
                    d.getStage(),
                    d.getReason(),
                    abbreviate(d.getErrorMessage()));
        }

        step("7. summary");
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> labels = new TreeMap<>();
        for (ConsumerRecord<byte[], Prediction> r : predictions) {
            latencies.add(Long.parseLong(header(r, "ml.latency.us")));
            labels.merge(r.value().getLabel() + " (v" + r.value().getVersion() + ")", 1, Integer::sum);
        }
        latencies.sort(null);
        long distinct = predictions.stream().map(Quickstart::source).distinct().count();
        out.printf(
                "   scored %d of %d transactions (%d distinct inputs); %d dead letters%n",
                predictions.size(), sent.size(), distinct, letters.size());
        out.println("   labels: " + labels);
        out.printf(
                "   scoring latency in the scorer (arrival → prediction, incl. micro-batch wait): p50 %d µs, p99 %d µs%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99));
        out.println("   parity: " + parity(predictions, sent, repo));
    }

    /** Re-scores every transaction with the model library directly: online predictions must match bit for bit. */
    private String parity(
            List<ConsumerRecord<byte[], Prediction>> predictions,
            Map<String, CardTransaction> sent,
            LocalModelRepository repo)
            throws Exception {
        int version = predictions.get(0).value().getVersion();
        LoadedModel model =
                LoadedModel.load(repo.fetch(new ModelRef(DemoModels.MODEL, version)), InferenceOptions.defaults());
        int identical = 0;
        try {
            for (ConsumerRecord<byte[], Prediction> r : predictions) {
                Prediction p = r.value();
                CardTransaction tx = sent.get(
                        p.getSource().getPartition() + "@" + p.getSource().getOffset());
                Outcome outcome = model.score(new AvroFieldSource((GenericRecord) tx));
                if (outcome instanceof Outcome.Scored s && s.result().score().equals(p.getScore())) {
                    identical++;
                }
            }
        } finally {
            model.retire();
        }
        return identical + " of " + predictions.size() + " online scores are bit-identical to the model library's";
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> r) {
        Map<String, String> map = new TreeMap<>();
        for (Header h : r.headers()) {
            map.put(h.key(), abbreviate(new String(h.value(), StandardCharsets.UTF_8)));
        }
        return map;
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "...";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }
}
