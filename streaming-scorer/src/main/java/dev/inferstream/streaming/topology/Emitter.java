/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.Stage;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.topics.OutputTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes one route's outputs (predictions, shadow predictions, audit records, dead letters) and sends them to
 * their sinks. A prediction is written together with its audit record or not at all, so each input yields exactly
 * one prediction or one dead letter; a shadow prediction that cannot be written is dropped and counted, never
 * holding up the route.
 */
final class Emitter {
    private static final Logger LOG = LoggerFactory.getLogger(Emitter.class);

    private final ProcessorContext<byte[], byte[]> context;
    private final ScoringTopology.Nodes nodes;
    private final ScoringTopology.Topics topics;
    private final RecordEncoder encoder;
    private final OutputTopics outputs;
    private final ScorerMetrics metrics;
    private final String route;
    private final PredictionHeaders predictionHeaders = new PredictionHeaders();

    Emitter(
            ProcessorContext<byte[], byte[]> context,
            ScoringTopology.Nodes nodes,
            ScoringTopology.Topics topics,
            RecordEncoder encoder,
            OutputTopics outputs,
            ScorerMetrics metrics,
            String route) {
        this.context = context;
        this.nodes = nodes;
        this.topics = topics;
        this.encoder = encoder;
        this.outputs = outputs;
        this.metrics = metrics;
        this.route = route;
    }

    /** A prediction's encoded records, ready to be sent. */
    record Outputs(
            Record<byte[], byte[]> prediction, Record<byte[], byte[]> audit, List<Record<byte[], byte[]>> shadows) {}

    /**
     * Encodes the prediction, its audit record and its shadow predictions; a shadow prediction that cannot be
     * written is dropped and counted here.
     *
     * @throws OutputFailure when the prediction or its audit record cannot be written
     */
    Outputs encode(BufferedRecord input, RecordScorer.Predicted predicted) {
        Prediction p = predicted.prediction();
        RecordHeaders headers = predictionHeaders.of(input.headers(), p);
        Record<byte[], byte[]> prediction =
                encoder.encode(topics.predictions(), input.key(), p, headers, input.timestamp());
        Record<byte[], byte[]> audit = null;
        if (nodes.audit() != null) {
            headers = new RecordHeaders(headers.toArray());
            audit = encoder.encode(
                    topics.audit(),
                    input.key(),
                    Envelopes.audit(
                            p,
                            input.value(),
                            predicted.input().fields(),
                            predicted.model().manifest().fieldPaths()),
                    headers,
                    input.timestamp());
        }
        if (predicted.shadows().isEmpty()) {
            return new Outputs(prediction, audit, List.of());
        }
        List<Record<byte[], byte[]>> shadows =
                new ArrayList<>(predicted.shadows().size());
        for (RecordScorer.Shadow shadow : predicted.shadows()) {
            Record<byte[], byte[]> encoded = shadow(input, shadow);
            if (encoded != null) {
                shadows.add(encoded);
                metrics.shadowScored(
                        route,
                        shadow.prediction().getModel(),
                        shadow.prediction().getVersion());
            }
            metrics.shadowCompared(p, shadow.prediction());
        }
        return new Outputs(prediction, audit, shadows);
    }

    void send(Outputs outputs) {
        context.forward(outputs.prediction(), nodes.predictions());
        if (outputs.audit() != null) {
            context.forward(outputs.audit(), nodes.audit());
        }
        outputs.shadows().forEach(s -> context.forward(s, nodes.shadows()));
    }

    private Record<byte[], byte[]> shadow(BufferedRecord input, RecordScorer.Shadow shadow) {
        if (!outputs.exists(topics.shadows())) {
            metrics.shadowDropped(route, "TOPIC_MISSING");
            return null;
        }
        try {
            return encoder.encode(
                    topics.shadows(),
                    input.key(),
                    shadow.prediction(),
                    predictionHeaders.of(input.headers(), shadow.prediction()),
                    input.timestamp());
        } catch (OutputFailure e) {
            metrics.shadowDropped(route, e.reason());
            LOG.warn(
                    "route {}: shadow prediction of v{} for {}-{}@{} dropped: {}",
                    route,
                    shadow.prediction().getVersion(),
                    input.topic(),
                    input.partition(),
                    input.offset(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * Writes a dead letter; one too large for the dead-letter topic is written without the original value and
     * headers (its source topic, partition and offset still point to them).
     */
    void deadLetter(BufferedRecord input, DeadLetter letter) {
        context.forward(encodeDeadLetter(input, letter), nodes.deadLetters());
    }

    private Record<byte[], byte[]> encodeDeadLetter(BufferedRecord input, DeadLetter letter) {
        Record<byte[], byte[]> record;
        try {
            record = encoder.encode(topics.deadLetters(), input.key(), letter, input.headers(), input.timestamp());
        } catch (OutputFailure e) {
            if (e.stage() != Stage.EMIT) {
                throw new IllegalStateException(
                        "route " + route + ": cannot encode the dead letter of " + input.topic() + "-"
                                + input.partition() + "@" + input.offset() + " for " + topics.deadLetters() + ": "
                                + e.getMessage(),
                        e);
            }
            letter.setErrorMessage(letter.getErrorMessage() + " (dead letter without the original value of "
                    + (input.value() == null ? 0 : input.value().length) + " bytes and its headers: "
                    + e.error().getMessage() + ")");
            letter.setValue(null);
            letter.setHeaders(List.of());
            record = encoder.encode(topics.deadLetters(), input.key(), letter, Map.of(), input.timestamp());
        }
        return record;
    }
}
