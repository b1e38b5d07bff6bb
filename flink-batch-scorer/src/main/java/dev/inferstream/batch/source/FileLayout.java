/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.IOException;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/** How one file format is cut into {@link RowSplit}s at record boundaries, each knowing its first row number. */
interface FileLayout {
    /** Adds the splits of {@code file}, each about {@code splitBytes} long (at least one record or block). */
    void plan(FileSystem fs, FileStatus file, long splitBytes, Splits splits) throws IOException;

    /** Collects the splits of all files, numbering them. */
    interface Splits {
        void add(FileStatus file, long offset, long length, long firstRow, long rows, int firstBlock, int blocks);
    }
}
