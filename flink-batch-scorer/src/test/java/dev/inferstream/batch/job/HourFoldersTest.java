/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.DateTimeBucketAssigner;
import org.junit.jupiter.api.Test;

class HourFoldersTest {

    @Test
    void everyRowGetsTheFolderFlinksDateTimeAssignerWouldGiveIt() {
        FileOutputs.HourFolders<String> folders = new FileOutputs.HourFolders<>();
        DateTimeBucketAssigner<String> flink = new DateTimeBucketAssigner<>();
        long start = 1_795_000_000_000L; // 2026-11-18, around an hour's end
        for (long t = start; t < start + 3 * 3_600_000L; t += 7_919) {
            BucketAssigner.Context at = at(t);
            assertThat(folders.getBucketId("row", at)).as("folder at %d", t).isEqualTo(flink.getBucketId("row", at));
        }
        // time going back (another clock's reading after a restore) is named anew too
        assertThat(folders.getBucketId("row", at(start))).isEqualTo(flink.getBucketId("row", at(start)));
    }

    private static BucketAssigner.Context at(long processingTime) {
        return new BucketAssigner.Context() {
            @Override
            public long currentProcessingTime() {
                return processingTime;
            }

            @Override
            public long currentWatermark() {
                return Long.MIN_VALUE;
            }

            @Override
            public Long timestamp() {
                return null;
            }
        };
    }
}
