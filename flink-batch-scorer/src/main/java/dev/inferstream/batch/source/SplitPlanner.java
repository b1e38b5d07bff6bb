/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the input files (recursively; names starting with {@code .} or {@code _} are skipped, as Flink's file source
 * skips them) and cuts each into {@link RowSplit}s of about the split size. With no split size given, a file is cut
 * into about four splits per parallel reader, between 1 MiB and 64 MiB each.
 */
final class SplitPlanner implements FileEnumerator {
    static final long MIN_AUTO = 1L << 20;
    static final long MAX_AUTO = 64L << 20;

    private final FileLayout layout;
    private final long splitBytes;
    private final int parallelism;
    private int nextId;

    /**
     * @param splitBytes bytes per split; 0: chosen from the input size and {@code parallelism}
     */
    SplitPlanner(FileLayout layout, long splitBytes, int parallelism) {
        this.layout = layout;
        this.splitBytes = splitBytes;
        this.parallelism = Math.max(1, parallelism);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        FileSystem fs = null;
        for (Path path : paths) {
            fs = path.getFileSystem();
            collect(fs, fs.getFileStatus(path), files, true);
        }
        long total = files.stream().mapToLong(FileStatus::getLen).sum();
        long size = splitBytes > 0 ? splitBytes : Math.max(MIN_AUTO, Math.min(MAX_AUTO, total / (4L * parallelism)));
        List<FileSourceSplit> splits = new ArrayList<>();
        for (FileStatus file : files) {
            layout.plan(
                    file.getPath().getFileSystem(),
                    file,
                    size,
                    (f, offset, length, firstRow, rows, firstBlock, blocks) -> splits.add(new RowSplit(
                            Integer.toString(nextId++),
                            f.getPath(),
                            offset,
                            length,
                            f.getModificationTime(),
                            f.getLen(),
                            firstRow,
                            rows,
                            firstBlock,
                            blocks,
                            null)));
        }
        return splits;
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> files, boolean given)
            throws IOException {
        String name = status.getPath().getName();
        if (!given && (name.startsWith(".") || name.startsWith("_"))) {
            return;
        }
        if (!status.isDir()) {
            files.add(status);
            return;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            collect(fs, child, files, false);
        }
    }
}
