/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.routing.HeaderView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Kafka record headers as the model library reads them. */
final class KafkaHeaders {
    private KafkaHeaders() {}

    /** The last value per header key, in first-seen order. */
    static Map<String, byte[]> toMap(Headers headers) {
        // toArray: no iterator per record, and no array at all when there are no headers
        Header[] all = headers.toArray();
        if (all.length == 0) {
            return Map.of();
        }
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header header : all) {
            map.put(header.key(), header.value());
        }
        return map;
    }

    static HeaderView view(Map<String, byte[]> headers) {
        return headers::get;
    }
}
