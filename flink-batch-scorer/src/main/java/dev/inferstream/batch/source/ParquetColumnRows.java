/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.manifest.FieldPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of a Parquet split as column batches: parquet-java's column readers decode the requested top-level
 * columns of each row group straight into the arrays of a {@link ColumnBatch}, with no record object per row. A
 * Flat number columns are read page by page ({@link NumberPages}), other columns value by value. A
 * column the file does not hold is left out of the batch (every row reads it as null, as the per-row path does).
 * Only the requested columns' chunks are read, one row group at a time ({@link ParquetRowGroups}).
 */
final class ParquetColumnRows implements AutoCloseable {
    private static final PrimitiveConverter IGNORED = new PrimitiveConverter() {};
    /** Column readers ask the record converter for each column's converter; values are read without one. */
    private static final GroupConverter NO_RECORDS = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return IGNORED;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    };

    private final ParquetRowGroups groups;
    private final RowSplit split;
    private final String name;
    private final int capacity;
    private final MessageType schema;
    private final String createdBy;
    private final List<FieldPath> paths = new ArrayList<>();
    private final List<ColumnBatch.Kind> kinds = new ArrayList<>();
    private final List<ColumnDescriptor> descriptors = new ArrayList<>();
    private final ColumnReader[] readers;
    private final NumberPages[] numbers;
    private long rowsLeftInGroup;
    private long index;

    /**
     * @param columns the top-level columns to read
     * @param capacity rows per batch at most (a batch never spans two row groups)
     */
    ParquetColumnRows(RowSplit split, List<String> columns, int capacity) throws IOException {
        this(split, columns, capacity, new HeapByteBufferAllocator());
    }

    /** Reads with column chunks from {@code allocator}. */
    ParquetColumnRows(RowSplit split, List<String> columns, int capacity, ByteBufferAllocator allocator)
            throws IOException {
        this.split = split;
        this.name = split.path().toString();
        this.capacity = capacity;
        this.groups = new ParquetRowGroups(split, allocator);
        try {
            this.schema = groups.metadata().getSchema();
            this.createdBy = groups.metadata().getCreatedBy();
            for (String column : columns) {
                if (!schema.containsField(column)) {
                    continue;
                }
                paths.add(FieldPath.parse(column));
                kinds.add(kind(schema.getType(column), name));
                descriptors.add(schema.getColumnDescription(new String[] {column}));
            }
            // the other columns' chunks are never read
            groups.project(descriptors);
        } catch (IOException | RuntimeException e) {
            groups.close();
            throw e;
        }
        this.readers = new ColumnReader[descriptors.size()];
        this.numbers = new NumberPages[descriptors.size()];
    }

    /**
     * How a flat column is read.
     *
     * @throws IOException for a nested, repeated or binary (non-text) column, which the per-row path reads instead
     */
    static ColumnBatch.Kind kind(Type type, String file) throws IOException {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new IOException(file + ": column " + type.getName() + " is nested or repeated; the columnar path "
                    + "reads flat columns only (score this input with --no-columnar)");
        }
        return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case BOOLEAN -> ColumnBatch.Kind.BOOLEAN;
            case INT32 -> ColumnBatch.Kind.INT;
            case INT64 -> ColumnBatch.Kind.LONG;
            case FLOAT -> ColumnBatch.Kind.FLOAT;
            case DOUBLE -> ColumnBatch.Kind.DOUBLE;
            case BINARY -> {
                if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                    yield ColumnBatch.Kind.STRING;
                }
                throw new IOException(file + ": column " + type.getName() + " holds bytes, not text; the columnar "
                        + "path reads numbers and text only (score this input with --no-columnar)");
            }
            default ->
                throw new IOException(file + ": column " + type.getName() + " is "
                        + type.asPrimitiveType().getPrimitiveTypeName() + "; the columnar path reads numbers and "
                        + "text only (score this input with --no-columnar)");
        };
    }

    /** The next rows of the split (at most the capacity), or null at its end. */
    RowColumns next() throws IOException {
        return next(capacity);
    }

    private RowColumns next(int max) throws IOException {
        long left = split.rows() - index;
        if (left <= 0) {
            return null;
        }
        while (rowsLeftInGroup == 0) {
            // the finished row group's pages become unreachable before the next one is read
            Arrays.fill(readers, null);
            Arrays.fill(numbers, null);
            PageReadStore group = groups.next();
            if (group == null) {
                return null;
            }
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, NO_RECORDS, schema, createdBy);
            for (int c = 0; c < readers.length; c++) {
                ColumnDescriptor column = descriptors.get(c);
                if (NumberPages.reads(column, kinds.get(c))) {
                    numbers[c] = new NumberPages(column, group.getPageReader(column), kinds.get(c));
                } else {
                    readers[c] = store.getColumnReader(column);
                }
            }
            rowsLeftInGroup = group.getRowCount();
        }
        int n = (int) Math.min(max, Math.min(rowsLeftInGroup, left));
        ColumnBatch batch = new ColumnBatch(capacity);
        for (int c = 0; c < readers.length; c++) {
            ColumnBatch.Column column = batch.column(paths.get(c), kinds.get(c));
            if (numbers[c] != null) {
                numbers[c].read(column, n);
            } else {
                read(readers[c], column, n);
            }
        }
        batch.size(n);
        RowColumns rows = new RowColumns(name, split.firstRow() + index, split.fileModificationTime(), batch);
        index += n;
        rowsLeftInGroup -= n;
        return rows;
    }

    /** Skips {@code n} rows (already emitted before a restore). */
    void skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            RowColumns rows = next((int) Math.min(capacity, n - skipped));
            if (rows == null) {
                return;
            }
            skipped += rows.size();
        }
    }

    private static void read(ColumnReader reader, ColumnBatch.Column column, int n) {
        int defined = reader.getDescriptor().getMaxDefinitionLevel();
        boolean[] nulls = column.nulls();
        double[] numbers = column.numbers();
        long[] longs = column.longs();
        String[] strings = column.strings();
        for (int r = 0; r < n; r++) {
            if (reader.getCurrentDefinitionLevel() < defined) {
                nulls[r] = true;
            } else {
                switch (column.kind()) {
                    case DOUBLE -> numbers[r] = reader.getDouble();
                    case FLOAT -> numbers[r] = reader.getFloat();
                    case LONG -> longs[r] = reader.getLong();
                    case INT -> longs[r] = reader.getInteger();
                    case BOOLEAN -> longs[r] = reader.getBoolean() ? 1 : 0;
                    case STRING -> strings[r] = reader.getBinary().toStringUsingUTF8();
                }
            }
            reader.consume();
        }
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(readers, null);
        Arrays.fill(numbers, null);
        groups.close();
    }
}
