/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.parquet.ParquetFiles;
import dev.inferstream.model.features.ColumnBatch;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.assigners.SimpleSplitAssigner;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * A bounded source of Parquet files as column batches ({@link RowColumns}), split at row groups like
 * {@link RowFileSource}; each batch holds consecutive rows of one row group and keeps their row numbers, so rows have
 * the identity they have on the per-row path. A checkpoint position counts the split's rows already emitted.
 *
 * <pre>{@code
 * env.fromSource(ColumnFileSource.parquet(new Path("events/"), List.of("f0", "f1"), 1024, 0, 4), noWatermarks(),
 *         "read", TypeInformation.of(RowColumns.class));
 * }</pre>
 */
public final class ColumnFileSource extends AbstractFileSource<RowColumns, RowSplit> {
    private static final long serialVersionUID = 1L;

    private ColumnFileSource(Path input, List<String> columns, int batchRows, long splitBytes, int parallelism) {
        super(
                new Path[] {input},
                () -> new SplitPlanner(FileKind.PARQUET.layout(), splitBytes, parallelism),
                SimpleSplitAssigner::new,
                new Format(List.copyOf(columns), batchRows),
                null);
    }

    /**
     * @param columns the top-level columns to read
     * @param batchRows rows per batch at most
     * @param splitBytes bytes per split; 0 chooses about four splits per parallel reader
     * @param parallelism the readers the job runs, to size the splits
     */
    public static ColumnFileSource parquet(
            Path input, List<String> columns, int batchRows, long splitBytes, int parallelism) {
        return new ColumnFileSource(input, columns, batchRows, splitBytes, parallelism);
    }

    /**
     * How the columnar path would read each of {@code columns} that {@code file} holds (absent ones are left out).
     *
     * @throws IOException when the file cannot be read, or a column is nested, repeated or of bytes (the message
     *     says which)
     */
    public static Map<String, ColumnBatch.Kind> kinds(Path file, List<String> columns) throws IOException {
        FileSystem fs = file.getFileSystem();
        long length = fs.getFileStatus(file).getLen();
        Map<String, ColumnBatch.Kind> kinds = new LinkedHashMap<>();
        try (ParquetFileReader reader =
                new ParquetFileReader(ParquetFiles.input(file, length), ParquetSource.options())) {
            MessageType schema = reader.getFileMetaData().getSchema();
            for (String column : columns) {
                if (schema.containsField(column)) {
                    kinds.put(column, ParquetColumnRows.kind(schema.getType(column), file.toString()));
                }
            }
        }
        return kinds;
    }

    @Override
    public SimpleVersionedSerializer<RowSplit> getSplitSerializer() {
        return RowSplitSerializer.INSTANCE;
    }

    /** Reads a split's batches, one per {@code readBatch} call. */
    static final class Format implements BulkFormat<RowColumns, RowSplit> {
        private static final long serialVersionUID = 1L;
        private final List<String> columns;
        private final int batchRows;

        Format(List<String> columns, int batchRows) {
            this.columns = columns;
            this.batchRows = batchRows;
        }

        @Override
        public Reader<RowColumns> createReader(Configuration config, RowSplit split) throws IOException {
            return restoreReader(config, split);
        }

        @Override
        public Reader<RowColumns> restoreReader(Configuration config, RowSplit split) throws IOException {
            ParquetColumnRows rows = new ParquetColumnRows(split, columns, batchRows);
            long done = split.rowsDone();
            try {
                rows.skip(done);
            } catch (IOException | RuntimeException e) {
                rows.close();
                throw e;
            }
            return new Reader<>() {
                private long emitted = done;

                @Override
                public RecordIterator<RowColumns> readBatch() throws IOException {
                    RowColumns next = rows.next();
                    if (next == null) {
                        return null;
                    }
                    emitted += next.size();
                    SingletonResultIterator<RowColumns> batch = new SingletonResultIterator<>();
                    batch.set(next, CheckpointedPosition.NO_OFFSET, emitted);
                    return batch;
                }

                @Override
                public void close() throws IOException {
                    rows.close();
                }
            };
        }

        @Override
        public boolean isSplittable() {
            return true;
        }

        @Override
        public TypeInformation<RowColumns> getProducedType() {
            return TypeInformation.of(RowColumns.class);
        }
    }
}
