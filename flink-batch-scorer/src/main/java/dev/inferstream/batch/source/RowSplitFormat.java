/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

/**
 * Reads the rows of a {@link RowSplit} in batches; each row's position is the count of the split's rows emitted with
 * it, so a restored reader skips exactly the rows a checkpoint covers.
 */
final class RowSplitFormat implements BulkFormat<InputRow, RowSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final FileKind kind;

    RowSplitFormat(FileKind kind) {
        this.kind = kind;
    }

    @Override
    public Reader<InputRow> createReader(Configuration config, RowSplit split) throws IOException {
        return restoreReader(config, split);
    }

    @Override
    public Reader<InputRow> restoreReader(Configuration config, RowSplit split) throws IOException {
        SplitRows rows = kind.opener().open(split);
        long done = split.rowsDone();
        try {
            rows.skip(done);
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
        return new SplitReader(rows, done);
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<InputRow> getProducedType() {
        return TypeInformation.of(InputRow.class);
    }

    private static final class SplitReader implements Reader<InputRow> {
        private final SplitRows rows;
        private long emitted;
        private boolean ended;

        SplitReader(SplitRows rows, long alreadyEmitted) {
            this.rows = rows;
            this.emitted = alreadyEmitted;
        }

        @Override
        public RecordIterator<InputRow> readBatch() throws IOException {
            if (ended) {
                return null;
            }
            InputRow[] batch = new InputRow[BATCH];
            int n = 0;
            while (n < BATCH) {
                InputRow row = rows.next();
                if (row == null) {
                    ended = true;
                    break;
                }
                batch[n++] = row;
            }
            if (n == 0) {
                return null;
            }
            long start = emitted;
            emitted += n;
            return new IteratorResultIterator<>(
                    Arrays.asList(batch).subList(0, n).iterator(), CheckpointedPosition.NO_OFFSET, start);
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
