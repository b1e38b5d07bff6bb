/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import java.io.IOException;

/** The rows of one split in file order, each an {@link InputRow} numbered from the split's first row. */
interface SplitRows extends AutoCloseable {
    /** The next row, or null at the end of the split. */
    InputRow next() throws IOException;

    /** Skips {@code n} rows (already emitted before a restore). */
    default void skip(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            if (next() == null) {
                return;
            }
        }
    }

    @Override
    void close() throws IOException;

    /** Opens the rows of a split. */
    interface Opener {
        SplitRows open(RowSplit split) throws IOException;
    }
}
