/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.serving;

import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.serving.BatchSettings;
import dev.inferstream.serving.InferenceServer;
import dev.inferstream.serving.ServingSettings;
import dev.inferstream.serving.scoring.ModelInferenceService;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.config.ServingConfig;
import dev.inferstream.streaming.monitor.DriftWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A scorer's Open Inference Protocol endpoints: the inference server over the scorer's own {@link ModelService} (so
 * requests follow the same deployments from the control topic as Kafka records), with a producer for the shadow
 * and request-log predictions of requests.
 */
public final class OipServing implements AutoCloseable {
    private final InferenceServer server;
    private final ModelInferenceService service;
    private final KafkaProducer<byte[], Prediction> producer;

    private OipServing(
            InferenceServer server, ModelInferenceService service, KafkaProducer<byte[], Prediction> producer) {
        this.server = server;
        this.service = service;
        this.producer = producer;
    }

    /**
     * Starts the endpoints the configuration asks for.
     *
     * @param drift the drift watch, or null
     * @throws ConfigException when a port cannot be bound or the key store cannot be used
     */
    public static OipServing start(
            ScorerConfig config,
            ModelService models,
            SchemaRegistryClient registry,
            ScorerMetrics metrics,
            DriftWatch drift) {
        ServingConfig serving = config.serving();
        KafkaProducer<byte[], Prediction> producer = serving.models().stream()
                        .anyMatch(m -> m.shadowTopic() != null || m.requestLogTopic() != null)
                ? new KafkaProducer<>(
                        producerConfig(config), new ByteArraySerializer(), new AvroSerializer<>(registry, true, false))
                : null;
        SyncPredictions listener = new SyncPredictions(serving.byName(), producer, metrics, drift);
        ModelInferenceService service = new ModelInferenceService(
                models,
                serving.byName().keySet(),
                config.scorerId(),
                new BatchSettings(serving.batchMaxRecords(), serving.batchMaxDelay()),
                listener);
        ServingSettings settings = new ServingSettings(
                serving.host(),
                serving.restPort(),
                serving.grpcPort(),
                serving.maxRequestBytes(),
                serving.tls().map(t -> new ServingSettings.Tls(t.keyStore(), t.password(), t.type())));
        try {
            InferenceServer server = InferenceServer.start(settings, service, listener);
            return new OipServing(server, service, producer);
        } catch (IOException e) {
            service.close();
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            throw new ConfigException(
                    "the Open Inference Protocol endpoints cannot start on " + serving.host() + " (REST port "
                            + serving.restPort() + ", gRPC port " + serving.grpcPort() + "): " + e.getMessage()
                            + " (choose free ports, 0 for any, -1 to turn one off; check the TLS key store)",
                    e);
        }
    }

    private static Properties producerConfig(ScorerConfig config) {
        Properties props = new Properties();
        config.streams().forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k.toString())) {
                props.put(k, v);
            }
        });
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.scorerId() + "-oip");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    public int restPort() {
        return server.restPort();
    }

    public int grpcPort() {
        return server.grpcPort();
    }

    /** Whether every served model has a version loaded. */
    public boolean ready() {
        return service.ready();
    }

    /** Stops taking requests, lets those in flight finish, then flushes what they wrote to Kafka. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        service.close();
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
