/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.serving;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.TensorRow;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ServingConfig;
import dev.inferstream.streaming.monitor.DriftWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to request/response predictions besides the response: shadow predictions go to the model's shadow
 * topic, every prediction to its request log topic when one is set (keyed by the request key, with the {@code ml.*}
 * headers), and they count in the Kafka path's metrics under the route {@code oip-rest} or {@code oip-grpc} (so
 * canary analysis sees sync traffic too), with request counts and durations per protocol on top.
 */
final class SyncPredictions implements ServingListener {
    private static final Logger LOG = LoggerFactory.getLogger(SyncPredictions.class);

    private final Map<String, ServingConfig.ServedModel> models;
    private final Producer<byte[], Prediction> producer;
    private final ScorerMetrics metrics;
    private final DriftWatch drift;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Counter sendFailures;
    private final AtomicLong lastFailureLog = new AtomicLong();

    /** @param drift the drift watch, or null; record-form rows take part in it like Kafka records */
    SyncPredictions(
            Map<String, ServingConfig.ServedModel> models,
            Producer<byte[], Prediction> producer,
            ScorerMetrics metrics,
            DriftWatch drift) {
        this.models = models;
        this.producer = producer;
        this.metrics = metrics;
        this.drift = drift;
        this.sendFailures = Counter.builder("inferstream_request_log_failures")
                .description("Request-log and shadow predictions of requests that could not be written to Kafka")
                .register(metrics.registry());
    }

    @Override
    public void predicted(Protocol protocol, List<RecordScorer.Predicted> predictions) {
        String route = "oip-" + protocol.label();
        for (RecordScorer.Predicted predicted : predictions) {
            Prediction p = predicted.prediction();
            ServingConfig.ServedModel model = models.get(p.getModel());
            long latencyNanos = predicted.latencyNanos();
            metrics.scored(route, p, latencyNanos, TimeUnit.NANOSECONDS.toMillis(latencyNanos));
            if (drift != null && !(predicted.input().fields() instanceof TensorRow)) {
                drift.observe(predicted);
            }
            if (model != null && model.requestLogTopic() != null) {
                send(model.requestLogTopic(), predicted.input().key(), p, predicted.headers());
            }
            for (RecordScorer.Shadow shadow : predicted.shadows()) {
                metrics.shadowScored(
                        route,
                        shadow.prediction().getModel(),
                        shadow.prediction().getVersion());
                metrics.shadowCompared(p, shadow.prediction());
                if (model != null && model.shadowTopic() != null) {
                    send(model.shadowTopic(), predicted.input().key(), shadow.prediction(), shadow.headers());
                }
            }
        }
    }

    private void send(String topic, byte[] key, Prediction prediction, Map<String, byte[]> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach(kafkaHeaders::add);
        ProducerRecord<byte[], Prediction> record = new ProducerRecord<>(
                topic, null, prediction.getScoredAt().toEpochMilli(), key, prediction, kafkaHeaders);
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(topic, error);
                }
            });
        } catch (RuntimeException e) {
            failed(topic, e);
        }
    }

    /** The response has left already: a failed write is counted and logged (at most every 10 s), never retried. */
    private void failed(String topic, Exception error) {
        sendFailures.increment();
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last > Duration.ofSeconds(10).toNanos() && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("a prediction of a request could not be written to {}: {}", topic, error.toString());
        }
    }

    @Override
    public void batch(String model, int rows, long nanos) {
        metrics.batch("oip:" + model, rows, nanos);
    }

    @Override
    public void answered(Protocol protocol, String model, ServingException.Status status, long nanos) {
        String m = model == null ? "_unknown" : model;
        String code = status == null ? "OK" : status.name();
        requests.computeIfAbsent(
                        protocol.label() + "|" + m + "|" + code,
                        k -> Counter.builder("inferstream_requests")
                                .description("Inference requests answered, by protocol, model and status")
                                .tags("protocol", protocol.label(), "model", m, "status", code)
                                .register(metrics.registry()))
                .increment();
        durations
                .computeIfAbsent(
                        protocol.label() + "|" + m,
                        k -> Timer.builder("inferstream_request_duration")
                                .description("From a request's arrival to its response, parsing and encoding included")
                                .tags("protocol", protocol.label(), "model", m)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(10_000))
                                .maximumExpectedValue(Duration.ofSeconds(5))
                                .register(metrics.registry()))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
