/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.batch.io.InputRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;

/** Plans and reads splits the way the source does, for tests. */
final class SplitReading {
    private SplitReading() {}

    static List<RowSplit> plan(java.nio.file.Path file, FileKind kind, long splitBytes) throws Exception {
        List<RowSplit> splits = new ArrayList<>();
        for (FileSourceSplit s : new SplitPlanner(kind.layout(), splitBytes, 1)
                .enumerateSplits(new Path[] {new Path(file.toUri())}, 1)) {
            splits.add((RowSplit) s);
        }
        return splits;
    }

    static List<InputRow> read(RowSplit split, FileKind kind) throws Exception {
        List<InputRow> rows = new ArrayList<>();
        try (BulkFormat.Reader<InputRow> reader = new RowSplitFormat(kind).restoreReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<InputRow> batch = reader.readBatch();
                    batch != null;
                    batch = reader.readBatch()) {
                for (RecordAndPosition<InputRow> r = batch.next(); r != null; r = batch.next()) {
                    rows.add(r.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return rows;
    }

    /** Every row of every split, in split order. */
    static List<InputRow> readAll(java.nio.file.Path file, FileKind kind, long splitBytes) throws Exception {
        List<InputRow> rows = new ArrayList<>();
        for (RowSplit split : plan(file, kind, splitBytes)) {
            rows.addAll(read(split, kind));
        }
        return rows;
    }
}
