/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avro-consume}: a topic's records as JSON lines — key, headers (the {@code ml.*} lineage of predictions)
 * and the value decoded with the registry — like Confluent's {@code kafka-avro-console-consumer}. Reads committed
 * records only, in no consumer group (nothing is committed).
 */
@Command(
        name = "avro-consume",
        mixinStandardHelpOptions = true,
        versionProvider = Tools.Version.class,
        description = "Print TOPIC's records as JSON lines: topic, partition, offset, timestamp, key, headers and the "
                + "Avro value decoded with the registry. Without --follow it stops at the end the topic had when it "
                + "started.",
        footer = "Example: scripts/avro-consume --topic payments-predictions --from-beginning --follow --max 5")
public final class AvroConsume implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to read")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record (default: only new records)")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records")
    Integer max;

    @Option(names = "--follow", description = "Keep waiting for new records (until --max, --timeout-ms or Ctrl-C)")
    boolean follow;

    @Option(
            names = "--timeout-ms",
            paramLabel = "MS",
            description = "With --follow: stop when no record arrived for this long")
    Long timeoutMs;

    public static void main(String[] args) {
        Tools.exit(new AvroConsume(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) {
            throw new ToolException("--max must be at least 1, not " + max);
        }
        cluster.checkReachable(true);
        cluster.checkTopicExists(topic);
        AvroReader<Object> reader = AvroReader.generic(new SchemaRegistryClient(cluster.registryConfig()));
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long idleSince = System.nanoTime();
            while (max == null || printed < max) {
                if (!follow && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
                if (follow && timeoutMs != null && System.nanoTime() - idleSince > timeoutMs * 1_000_000) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    out.println(JSON.writeValueAsString(line(record, reader)));
                    printed++;
                    idleSince = System.nanoTime();
                }
                out.flush();
            }
        }
        spec.commandLine().getErr().println("avro-consume: " + printed + " record(s) from " + topic);
        return 0;
    }

    private static ObjectNode line(ConsumerRecord<byte[], byte[]> record, AvroReader<Object> reader) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.set("key", key(record.key(), reader));
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            line.set("value", AvroToJson.convert(reader.read(record.value())));
        } catch (AvroSerdeException e) {
            line.put("value", KeyText.of(record.value()));
            line.put("error", e.reason() + ": " + e.getMessage());
        }
        return line;
    }

    /** A Confluent-framed Avro key decoded with the registry; any other key as text (or base64). */
    private static JsonNode key(byte[] key, AvroReader<Object> reader) {
        if (key == null) {
            return NullNode.getInstance();
        }
        if (key.length > 5 && key[0] == 0) {
            try {
                return AvroToJson.convert(reader.read(key));
            } catch (AvroSerdeException notAvro) {
                // shown as bytes below
            }
        }
        return TextNode.valueOf(KeyText.of(key));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = cluster.clientProperties();
        props.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(k));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
