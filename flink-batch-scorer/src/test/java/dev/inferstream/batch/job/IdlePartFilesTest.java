/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.junit.jupiter.api.Test;

class IdlePartFilesTest {
    private final FileOutputs.IdlePartFiles<String> policy = new FileOutputs.IdlePartFiles<>(2_000);

    @Test
    void aPartFileClosesOnceItsSourceFileHasSentNothingForTheIdleTime() {
        PartFileInfo<String> part = written(10_000);
        assertThat(policy.shouldRollOnProcessingTime(part, 11_999)).isFalse();
        assertThat(policy.shouldRollOnProcessingTime(part, 12_000)).isTrue();
    }

    @Test
    void rowsNeverCloseAPartFileAndCheckpointsAlwaysDo() {
        PartFileInfo<String> part = written(10_000);
        assertThat(policy.shouldRollOnEvent(part, "row")).isFalse();
        assertThat(policy.shouldRollOnCheckpoint(part)).isTrue();
    }

    private static PartFileInfo<String> written(long lastUpdate) {
        return new PartFileInfo<>() {
            @Override
            public String getBucketId() {
                return "events.parquet";
            }

            @Override
            public long getCreationTime() {
                return 0;
            }

            @Override
            public long getSize() {
                return 1 << 20;
            }

            @Override
            public long getLastUpdateTime() {
                return lastUpdate;
            }
        };
    }
}
