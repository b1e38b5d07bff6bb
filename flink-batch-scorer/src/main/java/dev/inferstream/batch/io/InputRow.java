/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One input record as a source reads it: where it came from, its key and headers, and its payload, decoded as
 * far as the source can (an Avro record from a container file, CSV cells, or the raw bytes of a Kafka value).
 *
 * @param system {@code file} or {@code kafka}
 * @param name the file path or the topic
 * @param offset the Kafka offset, or the row number in the file (0-based, header excluded)
 * @param payload a {@code GenericRecord}, a {@link CsvCells}, or {@code byte[]} in the Confluent wire format
 */
public record InputRow(
        String system,
        String name,
        int partition,
        long offset,
        long timestamp,
        byte[] key,
        Map<String, byte[]> headers,
        Object payload)
        implements Serializable {

    /** A CSV row: the file's header and this row's cells. */
    public record CsvCells(List<String> header, List<String> cells) implements Serializable {}
}
