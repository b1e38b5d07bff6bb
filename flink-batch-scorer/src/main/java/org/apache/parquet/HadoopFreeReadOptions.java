/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * {@link ParquetReadOptions} with parquet-java's defaults, made without its builder: the builder always creates
 * Parquet's Hadoop-backed codec factory first, which needs Hadoop's classes even when another codec factory is
 * given. Lives in parquet's package because that constructor is package-private.
 */
public final class HadoopFreeReadOptions {
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private HadoopFreeReadOptions() {}

    /** Options whose buffers are on the heap. */
    public static ParquetReadOptions of(
            ParquetConfiguration conf,
            CompressionCodecFactory codecs,
            ParquetMetadataConverter.MetadataFilter rowGroups) {
        return of(conf, codecs, rowGroups, new HeapByteBufferAllocator());
    }

    /**
     * @param rowGroups which row groups to read: {@link ParquetMetadataConverter#NO_FILTER}, or {@code range(start,
     *     end)} for those whose middle lies in that byte range
     * @param allocator where the column chunks read go (a row group's at a time, released when it is closed)
     */
    public static ParquetReadOptions of(
            ParquetConfiguration conf,
            CompressionCodecFactory codecs,
            ParquetMetadataConverter.MetadataFilter rowGroups,
            ByteBufferAllocator allocator) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                true, // useStatsFilter
                true, // useDictionaryFilter
                true, // useRecordFilter
                true, // useColumnIndexFilter
                false, // usePageChecksumVerification
                true, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo
                FilterCompat.NOOP,
                rowGroups,
                codecs,
                allocator,
                MAX_ALLOCATION,
                new HashMap<>(),
                null,
                null,
                conf);
    }
}
