/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.cli.CommandRun;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shell tools run as users run them (a JVM per command) against a real broker and registry. */
@ExtendWith(LocalStackExtension.class)
class ShellToolsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FAST = Duration.ofSeconds(15);
    private static final String SCHEMA = """
            {"type": "record", "name": "Payment", "namespace": "com.example", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "device", "type": ["null", {"type": "record", "name": "Device",
                "fields": [{"name": "trusted", "type": "boolean"}]}], "default": null},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
            """;

    @TempDir
    Path dir;

    private TestStack stack;

    @BeforeEach
    void setUp(TestStack stack) throws IOException {
        this.stack = stack;
        Files.writeString(dir.resolve("payment.avsc"), SCHEMA);
    }

    @Test
    void producedJsonLinesComeBackFromConsumeWithKeysHeadersAndValues() throws Exception {
        String topic = stack.newTopic("payments", 2);
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id": "p-1", "amount": 12.5, "device": {"trusted": true}, "at": "2026-01-31T12:00:00Z"}

                {"id": "p-2", "amount": 990.0, "at": 1769860800000}
                """);

        CommandRun produce = tool(
                "AvroProduce",
                events,
                "--topic",
                topic,
                "--schema",
                dir.resolve("payment.avsc").toString(),
                "--key-field",
                "id",
                "--header",
                "source=shell");
        assertSucceeded(produce, "sent 2 record(s) to " + topic);

        CommandRun consume = tool("AvroConsume", null, "--topic", topic, "--from-beginning");
        assertSucceeded(consume, "2 record(s)");
        List<JsonNode> lines = lines(consume);
        assertThat(lines).hasSize(2);
        JsonNode first = lines.stream()
                .filter(l -> l.get("key").asText().equals("p-1"))
                .findFirst()
                .orElseThrow();
        assertThat(first.get("headers").get("source").asText()).isEqualTo("shell");
        assertThat(first.get("value").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(first.get("value").get("device").get("trusted").asBoolean()).isTrue();
        assertThat(first.get("value").get("at").asLong())
                .isEqualTo(Instant.parse("2026-01-31T12:00:00Z").toEpochMilli());
    }

    @Test
    void consumeDecodesAvroKeysWithTheRegistryAndShowsOtherKeysAsText() throws Exception {
        String topic = stack.newTopic("keyed", 1);
        Schema keySchema = new Schema.Parser()
                .parse(
                        "{\"type\": \"record\", \"name\": \"CardKey\", \"fields\": [{\"name\": \"card\", \"type\": \"string\"}]}");
        GenericRecord avroKey = new GenericData.Record(keySchema);
        avroKey.put("card", "c-42");
        GenericRecord payment = new GenericData.Record(new Schema.Parser().parse(SCHEMA));
        payment.put("id", "p-9");
        payment.put("amount", 3.0);
        payment.put("at", 1L);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] value = new AvroSerializer<GenericRecord>(registry, true, false).serialize(topic, payment);
            producer.send(new ProducerRecord<>(
                            topic,
                            new AvroSerializer<GenericRecord>(registry, true, true).serialize(topic, avroKey),
                            value))
                    .get();
            producer.send(new ProducerRecord<>(topic, "plain".getBytes(StandardCharsets.UTF_8), value))
                    .get();
        }

        CommandRun consume = tool("AvroConsume", null, "--topic", topic, "--from-beginning");

        assertSucceeded(consume, "2 record(s)");
        List<JsonNode> lines = lines(consume);
        assertThat(lines.get(0).get("key").get("card").asText()).isEqualTo("c-42");
        assertThat(lines.get(1).get("key").asText()).isEqualTo("plain");
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.get("value").get("id").asText()).isEqualTo("p-9"));
    }

    @Test
    void consumeShowsDeadLettersAsTextWithTheirOriginalBytes() throws Exception {
        String topic = stack.newTopic("dlq", 1);
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(Stage.DECODE)
                .setReason("BAD_MAGIC_BYTE")
                .setErrorClass("AvroSerdeException")
                .setErrorMessage("not Confluent-framed")
                .setKey(ByteBuffer.wrap("card-7".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {9, 8, 7}))
                .setSource(SourceRecord.newBuilder()
                        .setSystem("kafka")
                        .setName("in")
                        .setPartition(0)
                        .setOffset(4)
                        .build())
                .setEventTime(Instant.ofEpochMilli(1))
                .setFailedAt(Instant.ofEpochMilli(2))
                .build();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    topic,
                    "card-7".getBytes(StandardCharsets.UTF_8),
                    new AvroSerializer<DeadLetter>(registry, true, false).serialize(topic, letter));
            record.headers().add("ml.model", "fraud".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        CommandRun consume = tool("AvroConsume", null, "--topic", topic, "--from-beginning", "--max", "1");

        assertSucceeded(consume, "1 record(s)");
        JsonNode line = lines(consume).get(0);
        assertThat(line.get("headers").get("ml.model").asText()).isEqualTo("fraud");
        assertThat(line.get("value").get("stage").asText()).isEqualTo("DECODE");
        assertThat(line.get("value").get("reason").asText()).isEqualTo("BAD_MAGIC_BYTE");
        assertThat(line.get("value").get("key").asText()).isEqualTo("card-7");
        assertThat(line.get("value").get("value").asText()).isEqualTo("base64:CQgH");
    }

    @Test
    void kafkaTopicsCreatesDescribesListsAndDeletesWithKafkasFlags() {
        String topic = "tools-" + System.nanoTime();
        assertSucceeded(
                tool("KafkaTopics", null, "--create", "--topic", topic, "--partitions", "3"), "Created topic " + topic);
        assertSucceeded(tool("KafkaTopics", null, "--describe", "--topic", topic), "PartitionCount: 3");
        assertSucceeded(tool("KafkaTopics", null, "--list"), topic);
        assertSucceeded(tool("KafkaTopics", null, "--delete", "--topic", topic), "");
    }

    @Test
    void helpAndVersionExitZero() {
        for (String tool : List.of("KafkaTopics", "AvroProduce", "AvroConsume")) {
            assertSucceeded(tool(tool, null, "--help"), "topic");
            assertSucceeded(tool(tool, null, "--version"), ProjectVersion.get());
        }
    }

    @Test
    void mistakesFailFastWithWhatToDo() throws IOException {
        String nowhere = "127.0.0.1:" + CommandRun.freePort();
        Path schema = dir.resolve("payment.avsc");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"x\", \"amount\": \"lots\", \"at\": 1}\n");
        String topic = stack.newTopic("mistakes", 1);

        assertFailed(
                toolAt(nowhere, "AvroConsume", null, "--topic", topic),
                1,
                "cannot reach Kafka at " + nowhere,
                "--bootstrap-servers");
        assertFailed(
                toolAt(nowhere, "KafkaTopics", null, "--list"),
                1,
                "cannot reach Kafka at " + nowhere,
                "scripts/local-stack start");
        assertFailed(
                tool("AvroConsume", null, "--topic", topic, "--schema-registry", "http://" + nowhere),
                1,
                "cannot reach the schema registry",
                "--schema-registry");
        assertFailed(
                tool("AvroConsume", null, "--topic", "no-such-topic"),
                1,
                "topic no-such-topic does not exist",
                "scripts/kafka-topics --create");
        assertFailed(
                tool(
                        "AvroProduce",
                        bad,
                        "--topic",
                        topic,
                        "--schema",
                        dir.resolve("nope.avsc").toString()),
                1,
                "no schema file");
        assertFailed(
                tool("AvroProduce", bad, "--topic", topic, "--schema", schema.toString()),
                1,
                "line 1: field amount: expected a number");
        assertFailed(
                tool("AvroProduce", bad, "--topic", topic, "--schema", schema.toString(), "--partitions", "3"),
                2,
                "Unknown option",
                "--partitions");
        assertFailed(tool("KafkaTopics", null, "--describe", "--topic", "no-such-topic"), 1, "does not exist");
    }

    private CommandRun tool(String main, Path stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!main.equals("KafkaTopics") && !all.contains("--schema-registry")) {
            all.addAll(List.of("--schema-registry", stack.registryUrl()));
        }
        return toolAt(stack.bootstrapServers(), main, stdin, all.toArray(String[]::new));
    }

    private static CommandRun toolAt(String bootstrap, String main, Path stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                "target/shell-tools.jar",
                "dev.inferstream.tools." + main));
        command.addAll(List.of(args));
        if (!List.of(args).contains("--help") && !List.of(args).contains("--version")) {
            command.addAll(List.of("--bootstrap-servers", bootstrap));
        }
        return CommandRun.run(command, Map.of(), Path.of("."), Duration.ofSeconds(60), stdin);
    }

    private static List<JsonNode> lines(CommandRun run) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static void assertSucceeded(CommandRun run, String words) {
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains(words);
    }

    private static void assertFailed(CommandRun run, int exit, String... words) {
        run.expect(exit, FAST, words);
    }
}
