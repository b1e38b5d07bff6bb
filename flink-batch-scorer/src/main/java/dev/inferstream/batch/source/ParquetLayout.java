/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.parquet.ParquetFiles;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/** Splits a Parquet file at its row groups, from the footer alone: each split holds whole row groups. */
final class ParquetLayout implements FileLayout {
    @Override
    public void plan(FileSystem fs, FileStatus file, long splitBytes, Splits splits) throws IOException {
        List<BlockMetaData> groups;
        try (ParquetFileReader reader =
                new ParquetFileReader(ParquetFiles.input(file.getPath(), file.getLen()), ParquetSource.options())) {
            groups = reader.getRowGroups();
        }
        long row = 0;
        int first = 0;
        long firstRow = 0;
        long start = groups.isEmpty() ? 0 : groups.get(0).getStartingPos();
        for (int g = 0; g < groups.size(); g++) {
            BlockMetaData group = groups.get(g);
            row += group.getRowCount();
            long end = group.getStartingPos() + group.getCompressedSize();
            if (end - start >= splitBytes || g == groups.size() - 1) {
                splits.add(file, start, end - start, firstRow, row - firstRow, first, g + 1 - first);
                first = g + 1;
                firstRow = row;
                start = end;
            }
        }
    }
}
