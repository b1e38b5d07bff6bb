/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's production exception handler, for records Kafka refused to write. A shadow prediction is dropped
 * and counted (a shadow topic never holds up its route). A record too large for its topic (whose limit changed
 * since start-up) makes the scorer re-read the limit and retry from the last commit, where the record becomes a
 * dead letter. An unavailable broker is retried. Anything else fails the task, to be retried from the last commit.
 */
public final class ScorerProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ScorerProductionHandler.class);

    private ErrorRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = ErrorRouting.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        String route = routing.shadowRoutes().get(record.topic());
        if (route != null) {
            routing.outputs().markMissing(record.topic());
            routing.metrics().shadowDropped(route, exception.getClass().getSimpleName());
            LOG.warn(
                    "route {}: a shadow prediction could not be written to {} and is dropped: {}",
                    route,
                    record.topic(),
                    exception.toString());
            return Response.resume();
        }
        if (exception instanceof RecordTooLargeException) {
            routing.outputs().refreshLimit(record.topic());
            LOG.error(
                    "a record for {} is larger than the topic accepts ({}); its limit is re-read and the task "
                            + "retried from the last commit, where the record becomes a dead letter",
                    record.topic(),
                    exception.getMessage());
            return Response.fail();
        }
        if (exception instanceof RetriableException) {
            LOG.warn(
                    "cannot write to {} for now ({}); the task is retried from its last commit",
                    record.topic(),
                    exception.toString());
            return Response.retry();
        }
        LOG.error(
                "cannot write to {} ({}); the task stops and is retried from the last commit",
                record.topic(),
                exception.toString());
        return Response.fail();
    }
}
