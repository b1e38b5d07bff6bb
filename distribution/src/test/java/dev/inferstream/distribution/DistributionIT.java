/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.demo.CardTransaction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the distribution tarball into a folder outside the source tree, with a HOME that has no Maven
 * repository, and runs the scoring path from it: the local stack, the streaming scorer, scorerctl and the batch
 * scorer, each through its {@code bin/} launcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {
    private static final String VERSION = System.getProperty("inferstream.version");
    private static final Path TARBALL = Path.of(System.getProperty("inferstream.tarball"));
    private static final Path REGISTRY_ARCHIVE = Path.of(System.getProperty("inferstream.registry.archive"));
    private static final Path DEMO_JAR = Path.of(System.getProperty("inferstream.demo.jar"));
    private static final int EVENTS = 500;

    @TempDir
    static Path tmp;

    private Path home;
    private Path userHome;
    private Map<String, String> env;
    private String bootstrap;
    private String registryUrl;
    private Process scorer;

    @BeforeAll
    void unpackAndStartTheLocalStack() throws Exception {
        userHome = Files.createDirectories(tmp.resolve("user-home"));
        env = new HashMap<>();
        env.put("HOME", userHome.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        assertThat(run(tmp, Duration.ofMinutes(2), "tar", "xzf", TARBALL.toString(), "-C", tmp.toString())
                        .exit())
                .isZero();
        home = tmp.resolve("inferstream-" + VERSION);
        // the registry archive goes where bin/local-stack's one-time download would put it
        Path cache = Files.createDirectories(userHome.resolve(".cache/inferstream"));
        Files.copy(REGISTRY_ARCHIVE, cache.resolve(REGISTRY_ARCHIVE.getFileName()));
        int kafka = freePort();
        int controller = freePort();
        int registry = freePort();
        Result started = run(
                home,
                Duration.ofMinutes(4),
                "bin/local-stack",
                "start",
                "--kafka-port",
                Integer.toString(kafka),
                "--controller-port",
                Integer.toString(controller),
                "--registry-port",
                Integer.toString(registry));
        assertThat(started.exit()).as(started.output()).isZero();
        bootstrap = "127.0.0.1:" + kafka;
        registryUrl = "http://127.0.0.1:" + registry + "/apis/ccompat/v7";
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (scorer != null) {
            scorer.destroy();
            scorer.waitFor(30, TimeUnit.SECONDS);
        }
        if (home != null) {
            run(home, Duration.ofMinutes(1), "bin/local-stack", "stop");
        }
    }

    @Test
    void shipsLicencesThirdPartyListingAndSboms() throws IOException {
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
        assertThat(home.resolve("NOTICE")).exists();
        assertThat(home.resolve("CHANGELOG.md")).exists();
        assertThat(home.resolve("THIRD-PARTY"))
                .content()
                .contains("(Apache-2.0) Apache Kafka")
                .contains("onnxruntime:");
        try (Stream<Path> sboms = Files.list(home.resolve("sbom"))) {
            assertThat(sboms.map(p -> p.getFileName().toString()))
                    .contains("streaming-scorer.cdx.json", "scorerctl.cdx.json", "flink-batch-scorer.cdx.json");
        }
        assertThat(home.resolve("jobs/flink-batch-scorer.jar")).exists();
        assertThat(home.resolve("config/scorer.properties")).exists();
    }

    @Test
    void everyLauncherPrintsTheProjectVersion() throws Exception {
        for (String tool : List.of(
                "scorer",
                "scorerctl",
                "batch-score",
                "console",
                "local-stack",
                "kafka-topics",
                "avro-produce",
                "avro-consume")) {
            Result version = run(home, Duration.ofMinutes(1), "bin/" + tool, "--version");
            assertThat(version.exit()).as(tool + ": " + version.output()).isZero();
            assertThat(version.output()).as(tool).contains(VERSION);
        }
    }

    @Test
    void launchersWorkFromAnyDirectoryAndThroughSymbolicLinks() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("scorerctl"), home.resolve("bin/scorerctl"));
        Result help = run(elsewhere, Duration.ofMinutes(1), link.toString(), "--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("canary", "rollback");
    }

    @Test
    void libHoldsOneVersionOfEachArtifactAndNoOtherPlatformsNatives() throws IOException {
        Pattern fileName = Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z0-9.]+)*)\\.jar");
        Map<String, String> files = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        Set<String> artifactIds = new HashSet<>();
        Path ort = null;
        try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
            for (Path lib : libs.toList()) {
                Properties coordinates = mavenCoordinates(lib);
                Matcher name = fileName.matcher(lib.getFileName().toString());
                String artifactId = coordinates.getProperty(
                        "artifactId",
                        name.matches() ? name.group(1) : lib.getFileName().toString());
                String key = coordinates.getProperty("groupId", "?") + ":" + artifactId;
                artifactIds.add(artifactId);
                if (files.put(key, lib.getFileName().toString()) != null) {
                    duplicates.add(key);
                }
                if (artifactId.equals("onnxruntime")) {
                    ort = lib;
                }
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(artifactIds)
                .contains("kafka-clients", "kafka-streams", "onnxruntime", "flink-runtime")
                .doesNotContain("slf4j-nop");
        assertThat(files).doesNotContainKey("org.lz4:lz4-java");
        try (ZipFile zip = new ZipFile(ort.toFile())) {
            assertThat(zip.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so"))
                    .isNotNull();
            assertThat(zip.stream().map(ZipEntry::getName).filter(n -> n.contains("/osx-") || n.contains("/win-")))
                    .isEmpty();
        }
    }

    /** groupId, artifactId and version from the jar's pom.properties; empty for jars that have none. */
    private static Properties mavenCoordinates(Path jar) throws IOException {
        Properties props = new Properties();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/")
                            && e.getName().endsWith("/pom.properties"))
                    .findFirst()
                    .orElse(null);
            if (entry != null) {
                try (var in = zip.getInputStream(entry)) {
                    props.load(in);
                }
            }
        }
        return props;
    }

    @Test
    void scoresEventsOnlineAndInBatchFromTheUnpackedDistribution() throws Exception {
        Path models = home.resolve("models");
        demo("write-models", models.toString());
        for (String topic : List.of("transactions", "fraud-predictions", "transactions.dlq")) {
            Result created = run(
                    home,
                    Duration.ofMinutes(1),
                    "bin/kafka-topics",
                    "--bootstrap-server",
                    bootstrap,
                    "--create",
                    "--topic",
                    topic,
                    "--partitions",
                    "2");
            assertThat(created.exit()).as(created.output()).isZero();
        }
        int admin = freePort();
        Path config = home.resolve("config/test-scorer.properties");
        Files.writeString(
                config,
                Files.readString(home.resolve("config/scorer.properties"))
                        .replace("bootstrap.servers=127.0.0.1:9092", "bootstrap.servers=" + bootstrap)
                        .replace(
                                "schema.registry.url=http://127.0.0.1:8081/apis/ccompat/v7",
                                "schema.registry.url=" + registryUrl)
                        .replace("state.dir=/tmp/inferstream-scorer", "state.dir=" + tmp.resolve("scorer-state"))
                        .replace("scorer.admin.port=8080", "scorer.admin.port=" + admin));
        scorer = process(home, "bin/scorer", "--config", config.toString())
                .redirectOutput(tmp.resolve("scorer.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(scorer.isAlive()).as(() -> log("scorer.log")).isTrue();
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + admin + "/health/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });

        Path events = tmp.resolve("transactions.avro");
        demo("write-batch-input", events.toString(), Integer.toString(EVENTS));
        List<CardTransaction> transactions = readAll(events);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(registryUrl));
        AvroSerializer<CardTransaction> serializer = new AvroSerializer<>(registry, true, false);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(clientProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (CardTransaction t : transactions) {
                producer.send(new ProducerRecord<>(
                        "transactions", t.getCardId().getBytes(), serializer.serialize("transactions", t)));
            }
        }
        Set<String> scored = new HashSet<>();
        AvroReader<Prediction> reader = AvroReader.specific(registry, Prediction.class);
        Properties props = clientProps();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "distribution-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("fraud-predictions"));
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Prediction p = reader.read(r.value());
                    scored.add(
                            p.getSource().getPartition() + ":" + p.getSource().getOffset());
                }
                return scored.size() >= EVENTS;
            });
        }

        Result deploy = scorerctl(models, "deploy", "fraud", "1");
        assertThat(deploy.exit()).as(deploy.output()).isZero();
        Result status = scorerctl(models, "canary", "fraud", "2", "--percent", "10");
        assertThat(status.exit()).as(status.output()).isZero();
        Result history = scorerctl(models, "history", "fraud");
        assertThat(history.output()).contains("canary");

        Path out = tmp.resolve("batch-out");
        Result batch = run(
                home,
                Duration.ofMinutes(3),
                "bin/batch-score",
                "--model-repository",
                models.toString(),
                "--model",
                "fraud",
                "--version",
                "1",
                "--input",
                events.toString(),
                "--output",
                out.toString());
        assertThat(batch.exit()).as(batch.output()).isZero();
        assertThat(countPredictions(out)).isEqualTo(EVENTS);
    }

    /** Runs a command of the demo jar (writing models or input), which must succeed. */
    private void demo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", DEMO_JAR.toString()));
        command.addAll(List.of(args));
        Result result = run(home, Duration.ofMinutes(1), command.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
    }

    private Result scorerctl(Path models, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "bin/scorerctl",
                "--bootstrap-servers",
                bootstrap,
                "--schema-registry",
                registryUrl,
                "--repository",
                models.toString()));
        command.addAll(List.of(args));
        return run(home, Duration.ofMinutes(1), command.toArray(String[]::new));
    }

    private static long countPredictions(Path dir) throws IOException {
        long count = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("predictions"))
                    .toList()) {
                try (DataFileReader<Prediction> reader =
                        new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Prediction.class))) {
                    while (reader.hasNext()) {
                        reader.next();
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static List<CardTransaction> readAll(Path file) throws IOException {
        List<CardTransaction> all = new ArrayList<>();
        try (DataFileReader<CardTransaction> reader =
                new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(CardTransaction.class))) {
            reader.forEach(all::add);
        }
        return all;
    }

    private Properties clientProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }

    private String log(String name) {
        try {
            return Files.readString(tmp.resolve(name));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private ProcessBuilder process(Path dir, String... command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    private Result run(Path dir, Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile(tmp, "out", ".log");
        Process p = process(dir, command).redirectOutput(output.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(output));
        }
        return new Result(p.exitValue(), Files.readString(output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output) {}
}
