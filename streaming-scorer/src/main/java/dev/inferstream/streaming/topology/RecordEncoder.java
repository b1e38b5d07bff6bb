/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.Stage;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.streaming.topics.OutputTopics;
import dev.inferstream.streaming.topics.RecordSize;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Encodes the scorer's outputs for their topics, in the processor rather than in the sinks, so that a record that
 * cannot be encoded or is larger than its topic accepts is known before anything is written and can become a dead
 * letter instead of failing the task.
 */
final class RecordEncoder {
    private final Serializer<SpecificRecord> values;
    private final OutputTopics topics;

    RecordEncoder(Serializer<SpecificRecord> values, OutputTopics topics) {
        this.values = values;
        this.topics = topics;
    }

    /**
     * @throws OutputFailure with stage {@code SERIALIZE} when the value cannot be encoded, {@code EMIT} when the
     *     record is larger than the topic accepts
     * @throws AvroSerdeException a transient one, when the registry is unavailable (never a dead letter)
     */
    Record<byte[], byte[]> encode(
            String topic, byte[] key, SpecificRecord value, Map<String, byte[]> headers, long timestamp) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach(kafkaHeaders::add);
        return encode(topic, key, value, kafkaHeaders, timestamp);
    }

    /** As {@link #encode(String, byte[], SpecificRecord, Map, long)}, with headers already built (and kept). */
    Record<byte[], byte[]> encode(
            String topic, byte[] key, SpecificRecord value, RecordHeaders kafkaHeaders, long timestamp) {
        byte[] bytes;
        try {
            bytes = values.serialize(topic, kafkaHeaders, value);
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new OutputFailure(Stage.SERIALIZE, e.reason().name(), e);
        } catch (RuntimeException e) {
            throw new OutputFailure(Stage.SERIALIZE, "UNEXPECTED", e);
        }
        int size = RecordSize.upperBound(key, bytes, kafkaHeaders);
        int limit = topics.maxRecordBytes(topic);
        if (size > limit) {
            throw new OutputFailure(
                    Stage.EMIT,
                    "RECORD_TOO_LARGE",
                    new RecordTooLargeException("the " + value.getSchema().getName() + " for " + topic + " takes up to "
                            + size + " bytes but the topic accepts " + limit + " (the smaller of the producer's "
                            + "max.request.size and the topic's max.message.bytes)"));
        }
        return new Record<>(key, bytes, timestamp, kafkaHeaders);
    }
}
