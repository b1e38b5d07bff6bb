package dev.inferstream.batch.job;

import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the newest {@code Deployment} of one model from the control topic, when the job is built. */
final class DeploymentLookup {
    private DeploymentLookup() {}

    static Deployment newest(JobOptions options) {
        Properties props = new Properties();
        options.kafka().forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroReader<Deployment> reader = AvroReader.specific(
                new SchemaRegistryClient(RegistryConfig.fromProperties(options.registry())), Deployment.class);
        String topic = options.deploymentTopic();
        byte[] model = options.model().getBytes(StandardCharsets.UTF_8);
        Deployment newest = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("--deployment-topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && java.util.Arrays.equals(record.key(), model) && record.value() != null) {
                        Deployment d = reader.read(record.value());
                        if (newest == null || d.getRevision() > newest.getRevision()) {
                            newest = d;
                        }
                    }
                }
            }
        }
        if (newest == null) {
            throw new IllegalArgumentException("no deployment of " + options.model() + " on " + topic);
        }
        DeploymentCodec.toSpec(newest);
        return newest;
    }
}
