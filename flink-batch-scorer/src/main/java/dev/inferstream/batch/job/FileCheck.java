/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.job.JobOptions.FileInput;
import dev.inferstream.batch.job.JobOptions.FileOutput;
import dev.inferstream.batch.source.FileFields;
import dev.inferstream.model.manifest.FieldPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Checks a job's files: the input exists and every file in it reads in the given format (and has the event-time
 * field), the output and dead-letter folders are not files. Works on any Flink file system.
 */
final class FileCheck {
    /** More files are not opened before the job starts: the job itself reports any later bad file. */
    private static final int MAX_FILES_PROBED = 200;

    private FileCheck() {}

    static void check(JobOptions options, List<String> problems) {
        if (options.source() instanceof FileInput input) {
            input(input, options.eventTimeField(), OutputFields.inputColumns(options.outputFields()), problems);
        }
        for (JobOptions.Sink sink : List.of(options.output(), options.deadLetters())) {
            if (sink instanceof FileOutput out) {
                output(out, problems);
            }
        }
    }

    private static void input(FileInput input, String eventTimeField, List<String> carried, List<String> problems) {
        Path path = new Path(input.path());
        List<Path> files = new ArrayList<>();
        try {
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                problems.add("--input " + input.path() + " does not exist: give an Avro, CSV or Parquet file, or a "
                        + "folder of them");
                return;
            }
            collect(fs, fs.getFileStatus(path), files);
        } catch (IOException e) {
            problems.add("cannot read --input " + input.path() + ": " + e.getMessage());
            return;
        }
        if (files.isEmpty()) {
            problems.add("--input " + input.path() + " holds no files (names starting with . or _ are skipped)");
            return;
        }
        for (Path file : files.subList(0, Math.min(files.size(), MAX_FILES_PROBED))) {
            try {
                List<String> fields = FileFields.of(input.format().kind(), file);
                if (eventTimeField != null
                        && !fields.contains(
                                FieldPath.parse(eventTimeField).segments().get(0))) {
                    problems.add("--event-time-field " + eventTimeField + " is not a field of " + file + " (it has: "
                            + String.join(", ", fields) + ")");
                }
                for (String column : carried) {
                    if (!fields.contains(column)) {
                        problems.add("--output-fields: " + column + " is neither a prediction field nor a column of "
                                + file + " (it has: " + String.join(", ", fields) + ")");
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(
                        file + " cannot be read as " + input.format().name().toLowerCase() + ": " + e.getMessage()
                                + " (if it is another format, pass " + otherFormats(input.format()) + ")");
            }
        }
    }

    /** Files under {@code status}, as the file source reads them: recursively, hidden names skipped. */
    static void collect(FileSystem fs, FileStatus status, List<Path> files) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return;
        }
        if (!status.isDir()) {
            files.add(status.getPath());
            return;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            collect(fs, child, files);
        }
    }

    private static void output(FileOutput out, List<String> problems) {
        Path path = new Path(out.path());
        try {
            FileSystem fs = path.getFileSystem();
            if (fs.exists(path) && !fs.getFileStatus(path).isDir()) {
                problems.add(out.path() + " is a file: the job writes into a folder, give a folder's path");
            }
        } catch (IOException e) {
            problems.add("cannot use " + out.path() + ": " + e.getMessage());
        }
    }

    /** {@code --input-format csv or --input-format parquet} for an Avro input, and so on. */
    private static String otherFormats(JobOptions.Format format) {
        return Arrays.stream(JobOptions.Format.values())
                .filter(f -> f != format)
                .map(f -> "--input-format " + f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
    }
}
