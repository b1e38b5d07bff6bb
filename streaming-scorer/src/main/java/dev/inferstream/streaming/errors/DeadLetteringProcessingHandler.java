/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import dev.inferstream.model.Stage;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.schemas.DeadLetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's processing exception handler, for exceptions that escape a processor (the processors turn every
 * per-record failure they foresee into a dead letter themselves). An input record that a one-record-at-a-time
 * processor failed on becomes a dead letter with stage {@code UNKNOWN}, and processing resumes. Everything else
 * fails the task so that it is retried from the last commit: an unavailable registry or broker (never a record's
 * fault), and failures in a micro-batching processor (which may concern records other than the current one).
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);

    private ErrorRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = ErrorRouting.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (Failures.isTransient(exception)) {
            LOG.warn(
                    "processor {} of task {} stopped: {}; retried from the last commit",
                    context.processorNodeId(),
                    context.taskId(),
                    Failures.rootMessage(exception));
            return Response.fail();
        }
        ErrorRouting.DeadLetterRoute target = routing.deadLetterNodes().get(context.processorNodeId());
        if (target == null || context.topic() == null || context.sourceRawValue() == null) {
            LOG.error(
                    "processor {} of task {} failed{}; the task stops and is retried from the last commit",
                    context.processorNodeId(),
                    context.taskId(),
                    context.topic() == null
                            ? ""
                            : " on " + context.topic() + "-" + context.partition() + "@" + context.offset(),
                    exception);
            return Response.fail();
        }
        try {
            ProducerRecord<byte[], byte[]> letter = deadLetter(context, target, exception);
            routing.metrics().deadLettered(target.route(), Stage.UNKNOWN.name(), "UNEXPECTED");
            LOG.warn(
                    "route {}: {}-{}@{} dead-lettered to {} after an unexpected failure in {}: {}",
                    target.route(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    target.topic(),
                    context.processorNodeId(),
                    exception.toString());
            return Response.resume(List.of(letter));
        } catch (RuntimeException e) {
            LOG.error(
                    "route {}: cannot dead-letter {}-{}@{} ({}); the task stops and is retried from the last commit",
                    target.route(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    e.toString(),
                    exception);
            return Response.fail();
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ErrorHandlerContext context, ErrorRouting.DeadLetterRoute target, Exception exception) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        context.headers().forEach(h -> headers.put(h.key(), h.value()));
        byte[] key = context.sourceRawKey();
        Lineage lineage = Lineage.kafka(
                context.topic(), context.partition(), context.offset(), KeyText.of(key), null, context.timestamp());
        DeadLetter letter = Envelopes.deadLetter(
                Stage.UNKNOWN,
                "UNEXPECTED",
                exception,
                key,
                context.sourceRawValue(),
                headers,
                lineage,
                null,
                null,
                System.currentTimeMillis(),
                routing.scorerId());
        RecordHeaders out = new RecordHeaders();
        headers.forEach(out::add);
        byte[] value = routing.values().serialize(target.topic(), out, letter);
        return new ProducerRecord<>(target.topic(), null, context.timestamp(), key, value, out);
    }
}
