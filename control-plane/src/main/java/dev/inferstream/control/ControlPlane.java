/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads and writes the rollout state kept in Kafka: the current deployment of each model, the history of every
 * change, and the status scorers report. Deployments are written to the current and the history topic in one
 * transaction, so the audit trail never misses a change that took effect.
 *
 * <pre>{@code
 * ControlPlane control = new ControlPlane(clientConfig, registry, ControlTopics.defaults());
 * Deployment current = control.current("fraud").orElseThrow();
 * control.publish(next);
 * }</pre>
 */
public final class ControlPlane {
    private final Properties clientConfig;
    private final SchemaRegistryClient registry;
    private final ControlTopics topics;

    /** @param clientConfig Kafka client settings ({@code bootstrap.servers}, security); other keys are ignored */
    public ControlPlane(Properties clientConfig, SchemaRegistryClient registry, ControlTopics topics) {
        this.clientConfig = clientConfig;
        this.registry = registry;
        this.topics = topics;
    }

    public ControlTopics topics() {
        return topics;
    }

    /** The current deployment of {@code model}: the one with the highest revision on the deployments topic. */
    public Optional<Deployment> current(String model) {
        return Optional.ofNullable(currentAll().get(model));
    }

    /** The current deployment of every model on the deployments topic. */
    public Map<String, Deployment> currentAll() {
        AvroReader<Deployment> reader = AvroReader.specific(registry, Deployment.class);
        Map<String, Deployment> current = new LinkedHashMap<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.deployments(), record -> {
            if (record.value() != null) {
                Deployment d = reader.read(record.value());
                current.merge(d.getModel(), d, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
            }
        });
        return current;
    }

    /** Every deployment of {@code model} ever published, oldest first. */
    public List<Deployment> history(String model) {
        AvroReader<Deployment> reader = AvroReader.specific(registry, Deployment.class);
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        List<Deployment> history = new ArrayList<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.history(), record -> {
            if (record.value() != null && java.util.Arrays.equals(record.key(), key)) {
                history.add(reader.read(record.value()));
            }
        });
        return history;
    }

    /** The newest status of each scorer instance serving {@code model}. */
    public List<ScorerStatus> status(String model) {
        AvroReader<ScorerStatus> reader = AvroReader.specific(registry, ScorerStatus.class);
        Map<String, ScorerStatus> byScorer = new LinkedHashMap<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.status(), record -> {
            if (record.value() != null) {
                ScorerStatus s = reader.read(record.value());
                if (s.getModel().equals(model)) {
                    byScorer.put(s.getScorer(), s);
                }
            }
        });
        return List.copyOf(byScorer.values());
    }

    /** The newest quality statistics of each version, arm and partition of {@code model}. */
    public List<QualityStats> quality(String model) {
        AvroReader<QualityStats> reader = AvroReader.specific(registry, QualityStats.class);
        Map<String, QualityStats> newest = new LinkedHashMap<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.quality(), record -> {
            if (record.value() != null && record.key() != null) {
                QualityStats s = reader.read(record.value());
                if (s.getModel().equals(model)) {
                    newest.put(new String(record.key(), StandardCharsets.UTF_8), s);
                }
            }
        });
        return List.copyOf(newest.values());
    }

    /** Writes {@code deployment} as the current one and into the history, atomically; creates missing topics. */
    public void publish(Deployment deployment) {
        ensureTopics();
        Properties props = Clients.producer(clientConfig);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "inferstream-control-" + UUID.randomUUID());
        AvroSerializer<Deployment> serializer = new AvroSerializer<>(registry, true, false);
        byte[] key = deployment.getModel().getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(
                    topics.deployments(), key, serializer.serialize(topics.deployments(), deployment)));
            producer.send(
                    new ProducerRecord<>(topics.history(), key, serializer.serialize(topics.history(), deployment)));
            producer.commitTransaction();
        }
    }

    /** A writer of scorer status records (keyed {@code model|scorer}); creates the status topic if missing. */
    public TopicWriter<ScorerStatus> statusWriter() {
        createMissing(Map.of(topics.status(), compacted()));
        return new TopicWriter<>(
                Clients.producer(clientConfig), registry, topics.status(), s -> s.getModel() + "|" + s.getScorer());
    }

    /** A writer of alerts (keyed by model) to {@code topic}; creates it if missing. */
    public TopicWriter<Alert> alertWriter(String topic) {
        createMissing(Map.of(topic, Map.of("cleanup.policy", "delete")));
        return new TopicWriter<>(Clients.producer(clientConfig), registry, topic, Alert::getModel);
    }

    /** Creates {@code topic} as a compacted topic if it does not exist. */
    public void ensureCompacted(String topic) {
        createMissing(Map.of(topic, compacted()));
    }

    /** Creates the deployments and history topics if they do not exist. */
    public void ensureTopics() {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        wanted.put(topics.deployments(), compacted());
        wanted.put(topics.history(), Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
        createMissing(wanted);
    }

    private static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
    }

    private void createMissing(Map<String, Map<String, String>> wanted) {
        try (Admin admin = Admin.create(Clients.admin(clientConfig))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((topic, configs) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs));
                }
            });
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ControlPlaneException(
                    "cannot create the control topics " + wanted.keySet() + " on "
                            + clientConfig.getProperty("bootstrap.servers") + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("interrupted while creating control topics", e);
        }
    }
}
