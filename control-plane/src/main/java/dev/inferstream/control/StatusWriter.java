package dev.inferstream.control;

import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a scorer instance's {@code ScorerStatus} records, keyed {@code model|scorer}, to the status topic. */
public final class StatusWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer<ScorerStatus> serializer;
    private final String topic;

    StatusWriter(Properties producerConfig, SchemaRegistryClient registry, String topic) {
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        this.serializer = new AvroSerializer<>(registry, true, false);
        this.topic = topic;
    }

    public void write(ScorerStatus status) {
        byte[] key = (status.getModel() + "|" + status.getScorer()).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, status)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
