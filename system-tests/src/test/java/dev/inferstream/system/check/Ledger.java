/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.serde.AvroDeserializer;
import dev.inferstream.system.stack.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Every record of a scenario as a {@code read_committed} consumer sees it: the inputs, and the predictions and dead
 * letters made of them, in the order of their partitions. What {@link Verdict} counts.
 */
public final class Ledger {
    /** Where an input record is: its partition and offset. */
    public record Position(int partition, long offset) {
        static Position of(SourceRecord source) {
            return new Position(source.getPartition(), source.getOffset());
        }
    }

    /** An input record. */
    public record Input(Position position, byte[] key, byte[] value, long timestamp) {}

    /** An output record (a prediction or a dead letter) and where it was read. */
    public record Output<T>(int partition, long offset, T value) {}

    private final Map<Position, Input> inputs;
    private final List<Output<Prediction>> predictions;
    private final List<Output<DeadLetter>> deadLetters;

    private Ledger(
            Map<Position, Input> inputs, List<Output<Prediction>> predictions, List<Output<DeadLetter>> deadLetters) {
        this.inputs = inputs;
        this.predictions = predictions;
        this.deadLetters = deadLetters;
    }

    /**
     * Reads the whole input topic, then the prediction and dead-letter topics until every input has an outcome or
     * {@code timeout} passes, then on to the end of every partition (so that an extra record shows).
     */
    public static Ledger collect(
            Cluster cluster, String input, String predictionTopic, String deadLetterTopic, Duration timeout) {
        return collect(cluster, input, predictionTopic, deadLetterTopic, timeout, position -> true);
    }

    /** Like {@link #collect}, counting only the inputs at the positions {@code scored} accepts (a bounded range). */
    public static Ledger collect(
            Cluster cluster,
            String input,
            String predictionTopic,
            String deadLetterTopic,
            Duration timeout,
            Predicate<Position> scored) {
        Map<Position, Input> inputs = readInputs(cluster, input);
        inputs.keySet().removeIf(scored.negate());
        List<Output<Prediction>> predictions = new ArrayList<>();
        List<Output<DeadLetter>> letters = new ArrayList<>();
        var registry = cluster.registry();
        try (Reader<Prediction> p =
                        new Reader<>(cluster, predictionTopic, AvroDeserializer.specific(registry, Prediction.class));
                Reader<DeadLetter> d =
                        new Reader<>(cluster, deadLetterTopic, AvroDeserializer.specific(registry, DeadLetter.class))) {
            try {
                Awaitility.await("an outcome for each of " + inputs.size() + " inputs")
                        .atMost(timeout)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            p.poll(predictions);
                            d.poll(letters);
                            return predictions.size() + letters.size() >= inputs.size();
                        });
            } catch (ConditionTimeoutException e) {
                // counted as lost below
            }
            p.readToEnd(predictions);
            d.readToEnd(letters);
        }
        return new Ledger(inputs, predictions, letters);
    }

    public Map<Position, Input> inputs() {
        return inputs;
    }

    public List<Output<Prediction>> predictions() {
        return predictions;
    }

    public List<Output<DeadLetter>> deadLetters() {
        return deadLetters;
    }

    /** How many predictions and dead letters each input has. */
    public Map<Position, Integer> outcomesPerInput() {
        Map<Position, Integer> counts = new HashMap<>();
        predictions.forEach(o -> counts.merge(Position.of(o.value().getSource()), 1, Integer::sum));
        deadLetters.forEach(o -> counts.merge(Position.of(o.value().getSource()), 1, Integer::sum));
        return counts;
    }

    private static Map<Position, Input> readInputs(Cluster cluster, String topic) {
        Map<Position, Input> inputs = new LinkedHashMap<>();
        try (Reader<byte[]> reader = new Reader<>(cluster, topic, new ByteArrayDeserializer())) {
            List<Output<byte[]>> ignored = new ArrayList<>();
            reader.readToEnd(ignored, r -> {
                Position at = new Position(r.partition(), r.offset());
                inputs.put(at, new Input(at, r.key(), r.value(), r.timestamp()));
            });
        }
        return inputs;
    }

    /** A consumer of every partition of one topic, from its beginning. */
    private static final class Reader<T> implements AutoCloseable {
        private final KafkaConsumer<byte[], T> consumer;
        private final List<TopicPartition> partitions;

        Reader(Cluster cluster, String topic, Deserializer<T> values) {
            consumer = new KafkaConsumer<>(cluster.consumerProperties(), new ByteArrayDeserializer(), values);
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void poll(List<Output<T>> into) {
            for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(200))) {
                into.add(new Output<>(r.partition(), r.offset(), r.value()));
            }
        }

        void readToEnd(List<Output<T>> into) {
            readToEnd(into, r -> into.add(new Output<>(r.partition(), r.offset(), r.value())));
        }

        void readToEnd(List<Output<T>> into, java.util.function.Consumer<ConsumerRecord<byte[], T>> each) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            Awaitility.await("the end of " + partitions)
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(each);
                        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    });
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
