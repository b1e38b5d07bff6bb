/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Kafka records as {@link InputRow}s: coordinates, key, headers and the undecoded value bytes. */
public final class KafkaRows implements KafkaRecordDeserializationSchema<InputRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRow> out) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        out.collect(new InputRow(
                "kafka",
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                headers,
                record.value()));
    }

    @Override
    public TypeInformation<InputRow> getProducedType() {
        return TypeInformation.of(InputRow.class);
    }
}
