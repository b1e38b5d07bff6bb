/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a deployment as a compare-and-set on its model's revision, fenced through the model's transactional id
 * (the protocol is described on {@link ControlPlane}).
 */
final class FencedPublisher {
    /** A control write is two small records: a writer that stops mid-change holds the topic up for this long. */
    static final String TRANSACTION_TIMEOUT_MS = "10000";

    private final Properties producerConfig;
    private final SchemaRegistryClient registry;
    private final ControlTopics topics;
    private final Function<String, Optional<Deployment>> settledCurrent;

    /** @param settledCurrent the model's current deployment, read once every earlier transaction has finished */
    FencedPublisher(
            Properties producerConfig,
            SchemaRegistryClient registry,
            ControlTopics topics,
            Function<String, Optional<Deployment>> settledCurrent) {
        this.producerConfig = producerConfig;
        this.registry = registry;
        this.topics = topics;
        this.settledCurrent = settledCurrent;
    }

    /** The transactional id every writer of {@code model} on these topics shares, so that they fence each other. */
    static String transactionalId(ControlTopics topics, String model) {
        return "inferstream-control-" + topics.deployments() + "-" + model;
    }

    void publish(Deployment next) {
        String model = next.getModel();
        long read = next.getRevision() - 1;
        if (read < 0) {
            throw new IllegalArgumentException(
                    "revision " + next.getRevision() + " of " + model + ": revisions start at 1 and go up by one");
        }
        AvroSerializer<Deployment> serializer = new AvroSerializer<>(registry, true, false);
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        // serialized before the transaction opens, so a slow registry never holds the control topic up
        byte[] current = serializer.serialize(topics.deployments(), next);
        byte[] history = serializer.serialize(topics.history(), next);
        Properties props = new Properties();
        props.putAll(producerConfig);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(topics, model));
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            // fences every earlier writer of the model: its open transaction is aborted, a commit in flight finishes
            producer.initTransactions();
            Optional<Deployment> now = settledCurrent.apply(model);
            long revision = now.map(Deployment::getRevision).orElse(0L);
            if (revision != read) {
                throw new RevisionMovedException(
                        model, read, revision, now.map(Deployment::getChangedBy).orElse("nobody"));
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.deployments(), key, current));
            producer.send(new ProducerRecord<>(topics.history(), key, history));
            producer.commitTransaction();
        } catch (TransactionalIdAuthorizationException e) {
            throw new ControlPlaneException(
                    "not allowed to use the transactional id " + transactionalId(topics, model) + ": grant this "
                            + "principal WRITE and DESCRIBE on the transactional ids with prefix inferstream-control-",
                    e);
        } catch (TimeoutException e) {
            throw new ControlPlaneException(
                    "revision " + next.getRevision() + " of " + model + " was not confirmed in time (" + e.getMessage()
                            + "): it may or may not be published; look at the history before retrying",
                    e);
        } catch (KafkaException e) {
            if (fenced(e)) {
                throw lost(model, read);
            }
            throw new ControlPlaneException(
                    "cannot publish revision " + next.getRevision() + " of " + model + " to " + topics.deployments()
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** Refusal of a writer fenced by a concurrent writer of the same model; names the winner once it is visible. */
    private RevisionMovedException lost(String model, long read) {
        Optional<Deployment> now = settledCurrent.apply(model);
        long revision = now.map(Deployment::getRevision).orElse(0L);
        return revision == read
                ? new RevisionMovedException(model, read)
                : new RevisionMovedException(model, read, revision, now.get().getChangedBy());
    }

    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }
}
