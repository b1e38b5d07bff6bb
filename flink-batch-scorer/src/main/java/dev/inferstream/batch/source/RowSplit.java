/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * A part of one input file that starts on a record boundary (an Avro block, a CSV record outside quotes, a Parquet
 * row group) and knows the number of its first row in the file, so a row's identity (file + row number) is the same
 * however the file is split. The reader position counts the rows already emitted from this split.
 */
public final class RowSplit extends FileSourceSplit {
    private static final long serialVersionUID = 1L;

    private final long firstRow;
    private final long rows;
    private final int firstBlock;
    private final int blocks;

    /**
     * @param offset the byte where the split's first record (or Avro block) starts
     * @param length the split's bytes
     * @param firstRow the file's row number of the split's first row (0-based, a CSV header not counted)
     * @param rows the rows in the split
     * @param firstBlock Parquet: the split's first row group; otherwise 0
     * @param blocks Parquet: its row groups; otherwise 0
     */
    public RowSplit(
            String id,
            Path file,
            long offset,
            long length,
            long modificationTime,
            long fileSize,
            long firstRow,
            long rows,
            int firstBlock,
            int blocks,
            CheckpointedPosition position) {
        super(id, file, offset, length, modificationTime, fileSize, new String[0], position);
        this.firstRow = firstRow;
        this.rows = rows;
        this.firstBlock = firstBlock;
        this.blocks = blocks;
    }

    public long firstRow() {
        return firstRow;
    }

    public long rows() {
        return rows;
    }

    public int firstBlock() {
        return firstBlock;
    }

    public int blocks() {
        return blocks;
    }

    /** Rows of this split already emitted (and covered by a checkpoint). */
    public long rowsDone() {
        return getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
    }

    @Override
    public RowSplit updateWithCheckpointedPosition(CheckpointedPosition position) {
        return new RowSplit(
                splitId(),
                path(),
                offset(),
                length(),
                fileModificationTime(),
                fileSize(),
                firstRow,
                rows,
                firstBlock,
                blocks,
                position);
    }

    @Override
    public String toString() {
        return "RowSplit[" + splitId() + ": " + path() + " rows " + firstRow + ".." + (firstRow + rows) + ", bytes "
                + offset() + "+" + length() + ", done " + rowsDone() + "]";
    }
}
