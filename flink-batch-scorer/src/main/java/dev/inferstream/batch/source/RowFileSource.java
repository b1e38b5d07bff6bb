/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.assigners.SimpleSplitAssigner;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source of the rows of Avro, CSV or Parquet files, split at record boundaries so that parallel readers
 * share one big file; every row keeps its file and row number whatever the split.
 *
 * <pre>{@code
 * env.fromSource(RowFileSource.of(new Path("events/"), FileKind.PARQUET, 0, 4), noWatermarks(), "read", type);
 * }</pre>
 */
public final class RowFileSource extends AbstractFileSource<InputRow, RowSplit> {
    private static final long serialVersionUID = 1L;

    private RowFileSource(Path input, FileKind kind, long splitBytes, int parallelism) {
        super(
                new Path[] {input},
                () -> new SplitPlanner(kind.layout(), splitBytes, parallelism),
                SimpleSplitAssigner::new,
                new RowSplitFormat(kind),
                null);
    }

    /**
     * @param splitBytes bytes per split; 0 chooses about four splits per parallel reader (1–64 MiB each)
     * @param parallelism the readers the job runs, to size the splits
     */
    public static RowFileSource of(Path input, FileKind kind, long splitBytes, int parallelism) {
        return new RowFileSource(input, kind, splitBytes, parallelism);
    }

    @Override
    public SimpleVersionedSerializer<RowSplit> getSplitSerializer() {
        return RowSplitSerializer.INSTANCE;
    }
}
