/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.model.repository.LocalModelRepository;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slot holds output writers only for the source files it is reading: the part file of a source file it has
 * finished closes (a Parquet writer buffers up to a row group) long before the next checkpoint.
 */
@Timeout(180)
class IdlePartFilesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(1);

    private static final int F = 3;
    /** What the step before scoring saw when the second file's first row reached it. */
    private static final AtomicReference<String> SEEN = new AtomicReference<>();

    @TempDir
    Path dir;

    @Test
    void thePartFileOfAFinishedSourceFileClosesWithoutWaitingForACheckpoint() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        BatchFixture.writeCsv(dir.resolve("in/a.csv"), BatchFixture.csvRows(3_000));
        BatchFixture.writeCsv(dir.resolve("in/b.csv"), BatchFixture.csvRows(3_000));
        Path out = dir.resolve("out");
        JobOptions options = BatchFixture.fileJob(
                dir.resolve("in"),
                out,
                repo,
                "--input-format",
                "csv",
                "--output-format",
                "parquet",
                "--parallelism",
                "1",
                "--checkpoint-interval-ms",
                "3600000");

        BatchFixture.runJob(
                "idle part files",
                options,
                rows -> rows.map(new AwaitClosedPart(out.toString()))
                        .name("await the first file's part")
                        .disableChaining());

        assertThat(SEEN.get())
                .as("the first file's part file when the second file's first row came")
                .startsWith("closed");
        assertThat(ParquetRows.read(out)).hasSize(6_000);
    }

    /**
     * Passes rows on; at the first row of a second source file it waits (up to 30 s, in its own task so that the
     * sink's timers run) for the first file's part file to be closed, a Parquet file with its footer.
     */
    private static final class AwaitClosedPart implements MapFunction<InputRow, InputRow> {
        private final String out;
        private String first;
        private boolean waited;

        AwaitClosedPart(String out) {
            this.out = out;
        }

        @Override
        public InputRow map(InputRow row) throws Exception {
            String file = Path.of(row.name()).getFileName().toString();
            if (first == null) {
                first = file;
            } else if (!waited && !file.equals(first)) {
                waited = true;
                Path bucket = Path.of(out, first);
                long deadline = System.nanoTime() + 30_000_000_000L;
                String state = "open after 30 s";
                while (System.nanoTime() < deadline) {
                    if (closedParquetIn(bucket)) {
                        state = "closed";
                        break;
                    }
                    Thread.sleep(100);
                }
                SEEN.set(state);
            }
            return row;
        }

        /** A part file, in progress or pending, that ends with Parquet's footer magic after some data. */
        private static boolean closedParquetIn(Path bucket) throws IOException {
            if (!Files.isDirectory(bucket)) {
                return false;
            }
            try (Stream<Path> files = Files.list(bucket)) {
                for (Path file : files.toList()) {
                    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                        if (f.length() <= 12) {
                            continue;
                        }
                        byte[] tail = new byte[4];
                        f.seek(f.length() - 4);
                        f.readFully(tail);
                        if (new String(tail, StandardCharsets.US_ASCII).equals("PAR1")) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
