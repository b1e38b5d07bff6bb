/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.parquet.ParquetCodecs;
import dev.inferstream.batch.parquet.ParquetFiles;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/** How the source opens Parquet files: without Hadoop, all row groups or those of one split. */
final class ParquetSource {
    private ParquetSource() {}

    static ParquetReadOptions options() {
        return HadoopFreeReadOptions.of(
                ParquetFiles.configuration(), ParquetCodecs.INSTANCE, ParquetMetadataConverter.NO_FILTER);
    }

    /** The row groups whose middle lies in {@code [start, end)}: exactly those of a split. */
    static ParquetReadOptions options(long start, long end, ByteBufferAllocator allocator) {
        return HadoopFreeReadOptions.of(
                ParquetFiles.configuration(),
                ParquetCodecs.INSTANCE,
                ParquetMetadataConverter.range(start, end),
                allocator);
    }
}
