/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.AvroWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avro-produce}: JSON lines from standard input to a topic as Confluent-framed Avro, registering the schema
 * under {@code <topic>-value}, like Confluent's {@code kafka-avro-console-producer}.
 */
@Command(
        name = "avro-produce",
        mixinStandardHelpOptions = true,
        versionProvider = Tools.Version.class,
        description = "Send JSON lines (one record each, from standard input) to TOPIC as Avro in the Confluent wire "
                + "format; the schema is registered under <topic>-value.",
        footer = "Example: scripts/avro-produce --topic payments --schema payment.avsc --key-field id < events.jsonl")
public final class AvroProduce implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to write to")
    String topic;

    @Option(names = "--schema", required = true, paramLabel = "FILE.avsc", description = "Avro schema of the values")
    Path schemaFile;

    @Option(
            names = "--key-field",
            paramLabel = "FIELD",
            description = "Key each record by this field's value (as text; nested fields as a.b); default: no key")
    String keyField;

    @Option(
            names = "--header",
            paramLabel = "NAME=VALUE",
            description = "A header for every record, e.g. ml.model.version=2 (repeatable)")
    List<String> headers = new ArrayList<>();

    public static void main(String[] args) {
        Tools.exit(new AvroProduce(), args);
    }

    @Override
    public Integer call() throws IOException {
        Schema schema = schema();
        List<String[]> parsedHeaders = headers();
        cluster.checkReachable(true);
        cluster.checkTopicExists(topic);
        SchemaRegistryClient registry = new SchemaRegistryClient(cluster.registryConfig());
        AvroWriter writer = new AvroWriter(registry, true);
        String subject = topic + "-value";
        PrintWriter out = spec.commandLine().getOut();
        AtomicReference<Exception> failed = new AtomicReference<>();
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ProducerRecord<byte[], byte[]> record;
                try {
                    record = record(line, schema, writer, subject, parsedHeaders);
                } catch (IllegalArgumentException | AvroSerdeException e) {
                    producer.flush();
                    throw new ToolException(
                            "line " + number + ": " + e.getMessage() + " (" + sent + " earlier record(s) were sent)");
                }
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new ToolException(
                    "Kafka refused records for " + topic + ": " + failed.get().getMessage());
        }
        out.println("sent " + sent + " record(s) to " + topic + " (schema " + schema.getFullName() + ", subject "
                + subject + ")");
        return 0;
    }

    private ProducerRecord<byte[], byte[]> record(
            String line, Schema schema, AvroWriter writer, String subject, List<String[]> parsedHeaders) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        Object value = JsonToAvro.convert(json, schema);
        byte[] key = keyField == null ? null : key(json).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, writer.write(subject, value));
        for (String[] header : parsedHeaders) {
            record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private String key(JsonNode json) {
        JsonNode node = json;
        for (String segment : keyField.split("\\.")) {
            node = node == null ? null : node.get(segment);
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new IllegalArgumentException("--key-field " + keyField + " has no value to key the record by");
        }
        return node.asText();
    }

    private Schema schema() {
        if (!Files.isRegularFile(schemaFile)) {
            throw new ToolException("no schema file " + schemaFile + ": give the .avsc of the records");
        }
        try {
            return new Schema.Parser().parse(schemaFile.toFile());
        } catch (SchemaParseException | IOException e) {
            throw new ToolException(schemaFile + " is not an Avro schema: " + e.getMessage());
        }
    }

    private List<String[]> headers() {
        List<String[]> parsed = new ArrayList<>();
        for (String header : headers) {
            int eq = header.indexOf('=');
            if (eq < 1) {
                throw new ToolException("--header " + header + ": write NAME=VALUE, e.g. ml.model.version=2");
            }
            parsed.add(new String[] {header.substring(0, eq), header.substring(eq + 1)});
        }
        return parsed;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = cluster.clientProperties();
        props.keySet().removeIf(k -> !ProducerConfig.configNames().contains(k));
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
