/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scored traffic with observed outcomes, for a console test: events sent to a running scorer's input, their
 * committed predictions read back, and each answered on the route's feedback topic with the label an oracle gives
 * for the event's fields (and a binary reward: 1 when the prediction's label was that one), so the scorer joins
 * real feedback. Keeps what it answered, to compare the console's figures with.
 */
public final class JudgedTraffic implements AutoCloseable {
    /** One answered prediction: its version and arm, and whether its label was the observed one. */
    public record Judged(int version, String arm, boolean correct) {}

    private final RunningScorer scorer;
    private final String feedbackTopic;
    private final String model;
    private final Function<float[], String> oracle;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CommittedRecords predictions;
    private final AvroSerializer<GenericRecord> events;
    private final AvroSerializer<Feedback> outcomes;
    private final AvroReader<Prediction> reader;
    private final Random random = new Random(17);
    private final List<Judged> judged = new ArrayList<>();

    private JudgedTraffic(
            TestStack stack,
            RunningScorer scorer,
            String feedbackTopic,
            String model,
            Function<float[], String> oracle) {
        this.scorer = scorer;
        this.feedbackTopic = feedbackTopic;
        this.model = model;
        this.oracle = oracle;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        this.events = new AvroSerializer<>(registry, true, false);
        this.outcomes = new AvroSerializer<>(registry, true, false);
        this.reader = AvroReader.specific(registry, Prediction.class);
        this.producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        this.predictions = new CommittedRecords(stack, scorer.output);
    }

    /** @param oracle the observed label of an event with fields f0..f3 */
    public static JudgedTraffic start(
            TestStack stack,
            RunningScorer scorer,
            String feedbackTopic,
            String model,
            Function<float[], String> oracle) {
        return new JudgedTraffic(stack, scorer, feedbackTopic, model, oracle);
    }

    /**
     * Sends {@code count} events keyed {@code prefix-<i>}, waits for their committed predictions (at most 60 s) and
     * answers each; returns what it answered.
     */
    public List<Judged> round(String prefix, int count) {
        Map<String, float[]> sent = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            float[] x = new float[ConsoleModels.FEATURES];
            GenericRecord e = new GenericData.Record(EventFeed.EVENT);
            e.put("id", key);
            for (int f = 0; f < x.length; f++) {
                x[f] = (float) random.nextGaussian();
                e.put("f" + f, (double) x[f]);
            }
            sent.put(key, x);
            producer.send(new ProducerRecord<>(
                    scorer.input, key.getBytes(StandardCharsets.UTF_8), events.serialize(scorer.input, e)));
        }
        producer.flush();
        Map<String, ConsumerRecord<byte[], byte[]>> scored = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scored.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : predictions.poll()) {
                String key = reader.read(r.value()).getKey();
                if (key != null && sent.containsKey(key)) {
                    scored.put(key, r);
                }
            }
        }
        if (scored.size() < count) {
            throw new AssertionError("only " + scored.size() + " of " + count + " " + prefix + " events were scored");
        }
        List<Judged> answered = new ArrayList<>();
        for (Map.Entry<String, ConsumerRecord<byte[], byte[]>> s : scored.entrySet()) {
            Prediction p = reader.read(s.getValue().value());
            String observed = oracle.apply(sent.get(s.getKey()));
            boolean correct = observed.equals(p.getLabel());
            // observed now, after the prediction was committed (the joiner matches feedback to earlier predictions)
            long at = System.currentTimeMillis();
            Feedback f = new Feedback(
                    p.getPredictionId(), null, model, observed, correct ? 1.0 : 0.0, Instant.ofEpochMilli(at));
            producer.send(new ProducerRecord<>(
                    feedbackTopic, null, at, s.getValue().key(), outcomes.serialize(feedbackTopic, f)));
            answered.add(new Judged(p.getVersion(), p.getArm(), correct));
        }
        producer.flush();
        judged.addAll(answered);
        return answered;
    }

    /** Every prediction answered so far. */
    public List<Judged> judged() {
        return List.copyOf(judged);
    }

    /** The share of correct labels among {@code judged} of {@code version} (in any arm when {@code arm} is null). */
    public static double accuracy(List<Judged> judged, int version, String arm) {
        List<Judged> mine = judged.stream()
                .filter(j -> j.version() == version && (arm == null || j.arm().equals(arm)))
                .toList();
        return mine.stream().filter(Judged::correct).count() / (double) mine.size();
    }

    @Override
    public void close() {
        producer.close();
        predictions.close();
    }
}
