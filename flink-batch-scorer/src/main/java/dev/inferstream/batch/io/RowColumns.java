/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.model.features.ColumnBatch;

/**
 * Consecutive rows of one input file as columns (the columnar path's record): rows {@code firstRow} to
 * {@code firstRow + columns.size() - 1} of {@code file}, numbered as the per-row path numbers them.
 *
 * @param fileTime the file's modification time, each row's event time
 */
public record RowColumns(String file, long firstRow, long fileTime, ColumnBatch columns) {
    public int size() {
        return columns.size();
    }
}
