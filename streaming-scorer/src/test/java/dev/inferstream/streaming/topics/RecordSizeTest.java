/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordSizeTest {

    /** Seeded random records: the bound is never below the size of the batch Kafka builds for the record alone. */
    @Test
    void neverUnderestimatesTheBatchKafkaWritesForTheRecord() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] key = random.nextInt(5) == 0 ? null : bytes(random, random.nextInt(64));
            byte[] value = random.nextInt(10) == 0 ? null : bytes(random, random.nextInt(20_000));
            RecordHeaders headers = new RecordHeaders();
            for (int h = random.nextInt(12); h > 0; h--) {
                headers.add(
                        "header-" + random.nextInt(1000),
                        random.nextBoolean() ? null : bytes(random, random.nextInt(300)));
            }
            MemoryRecordsBuilder builder = MemoryRecords.builder(
                    java.nio.ByteBuffer.allocate(64),
                    RecordBatch.CURRENT_MAGIC_VALUE,
                    Compression.NONE,
                    TimestampType.CREATE_TIME,
                    0L);
            builder.append(System.currentTimeMillis(), key, value, headers.toArray());
            int actual = builder.build().sizeInBytes();

            assertThat(RecordSize.upperBound(key, value, headers)).isGreaterThanOrEqualTo(actual);
            assertThat(RecordSize.upperBound(key, value, headers))
                    .as("close to the real size, so records near the limit are not refused needlessly")
                    .isLessThanOrEqualTo(actual + 32 + 10 * headers.toArray().length);
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
