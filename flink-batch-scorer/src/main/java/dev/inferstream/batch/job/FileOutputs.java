/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.AvroFileWriter;
import dev.inferstream.batch.io.CompactColumnsWriter;
import dev.inferstream.batch.io.CompactFileWriter;
import dev.inferstream.batch.io.CsvFileWriter;
import dev.inferstream.batch.io.OutputColumns;
import dev.inferstream.batch.io.ScoredColumns;
import dev.inferstream.batch.io.ScoredRow;
import dev.inferstream.batch.job.JobOptions.FileInput;
import dev.inferstream.batch.job.JobOptions.FileOutput;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.batch.source.FileFields;
import dev.inferstream.schemas.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.DateTimeBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The predictions sink of a file output: full {@code Prediction} envelopes (Avro, the default), CSV lines, or compact
 * rows ({@code --output-fields}; Parquet's default) with the constant lineage in each file's metadata and one folder
 * per source file.
 */
final class FileOutputs {
    private FileOutputs() {}

    static void predictions(DataStream<ScoredRow> scored, JobOptions options, JobModels models) {
        FileOutput file = (FileOutput) options.output();
        List<String> fields = options.outputFields();
        Path out = new Path(file.path());
        FileSink<ScoredRow> sink;
        if (file.format() == JobOptions.Format.CSV) {
            CsvFileWriter writer =
                    new CsvFileWriter(fields.isEmpty() ? null : columns(fields, options), options.explainTopK() > 0);
            sink = byHour(out, writer, "predictions", ".csv");
        } else if (file.format() == JobOptions.Format.AVRO && fields.isEmpty()) {
            sink = byHour(
                    out,
                    new AvroFileWriter<ScoredRow, Prediction>(Prediction.class, ScoredRow::prediction),
                    "predictions",
                    ".avro");
        } else {
            boolean parquet = file.format() == JobOptions.Format.PARQUET;
            BulkWriter.Factory<ScoredRow> writer = new CompactFileWriter(
                    parquet ? CompactFileWriter.Container.PARQUET : CompactFileWriter.Container.AVRO,
                    columns(fields.isEmpty() ? OutputColumns.PARQUET_DEFAULT : fields, options),
                    metadata(options, models));
            sink = bySourceFile(
                    out, writer, inputRoot(options), row -> row.input().name(), parquet ? ".parquet" : ".avro");
        }
        scored.sinkTo(sink).name("write " + file.path());
    }

    /** The columnar path's predictions: compact Parquet rows, the same files {@link #predictions} writes. */
    static void columnPredictions(DataStream<ScoredColumns> scored, JobOptions options, JobModels models) {
        FileOutput file = (FileOutput) options.output();
        List<String> fields = options.outputFields();
        CompactColumnsWriter writer = new CompactColumnsWriter(
                columns(fields.isEmpty() ? OutputColumns.PARQUET_DEFAULT : fields, options), metadata(options, models));
        FileSink<ScoredColumns> sink = bySourceFile(
                new Path(file.path()),
                writer,
                inputRoot(options),
                batch -> batch.rows().file(),
                ".parquet");
        scored.sinkTo(sink).name("write " + file.path());
    }

    /**
     * A sink with one folder per source file whose part files close once their source file has sent no row for
     * {@link IdlePartFiles#IDLE_MS}, as well as at each checkpoint: a slot keeps writers (a Parquet writer buffers up
     * to a row group) only for the files it is reading, not for every file it read since the last checkpoint.
     */
    private static <T> FileSink<T> bySourceFile(
            Path out,
            BulkWriter.Factory<T> writer,
            String inputRoot,
            SerializableFunction<T, String> source,
            String suffix) {
        return FileSink.forBulkFormat(out, writer)
                .withBucketAssigner(new BySourceFile<>(inputRoot, source))
                .withRollingPolicy(new IdlePartFiles<T>(IdlePartFiles.IDLE_MS))
                .withBucketCheckInterval(IdlePartFiles.CHECK_MS)
                .withOutputFileConfig(names("predictions", suffix))
                .build();
    }

    /** A sink with Flink's default folders: the hour the rows were written, {@code yyyy-MM-dd--HH}. */
    static <T> FileSink<T> byHour(Path out, BulkWriter.Factory<T> writer, String prefix, String suffix) {
        return FileSink.forBulkFormat(out, writer)
                .withBucketAssigner(new HourFolders<T>())
                .withOutputFileConfig(names(prefix, suffix))
                .build();
    }

    static OutputFileConfig names(String prefix, String suffix) {
        return OutputFileConfig.builder()
                .withPartPrefix(prefix)
                .withPartSuffix(suffix)
                .build();
    }

    private static OutputColumns columns(List<String> fields, JobOptions options) {
        return new OutputColumns(fields, inputSchema(options));
    }

    /** The first input file's schema (Avro and Parquet inputs), so carried columns keep their types. */
    private static Schema inputSchema(JobOptions options) {
        if (!(options.source() instanceof FileInput input) || input.format() == JobOptions.Format.CSV) {
            return null;
        }
        try {
            Path root = new Path(input.path());
            FileSystem fs = root.getFileSystem();
            List<Path> files = new ArrayList<>();
            FileCheck.collect(fs, fs.getFileStatus(root), files);
            return files.isEmpty() ? null : FileFields.schema(input.format().kind(), files.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema of --input " + input.path(), e);
        }
    }

    private static Map<String, String> metadata(JobOptions options, JobModels models) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("inferstream.model", options.model());
        meta.put(
                "inferstream.versions",
                models.sha256().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
        meta.put("inferstream.scorer", options.scorerId());
        meta.put("inferstream.job", options.jobName());
        return meta;
    }

    /** The qualified input path, as the source names its files (so their relative paths can name buckets). */
    private static String inputRoot(JobOptions options) {
        if (!(options.source() instanceof FileInput input)) {
            return "";
        }
        try {
            Path root = new Path(input.path());
            FileStatus status = root.getFileSystem().getFileStatus(root);
            return status.isDir()
                    ? status.getPath().toString()
                    : status.getPath().getParent().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + input.path(), e);
        }
    }

    /** Closes a part file at each checkpoint and once it has had no new row for {@code idleMs}. */
    static final class IdlePartFiles<T> extends CheckpointRollingPolicy<T, String> {
        private static final long serialVersionUID = 1L;
        static final long IDLE_MS = 2_000;
        static final long CHECK_MS = 1_000;
        private final long idleMs;

        IdlePartFiles(long idleMs) {
            this.idleMs = idleMs;
        }

        @Override
        public boolean shouldRollOnEvent(PartFileInfo<String> part, T element) {
            return false;
        }

        @Override
        public boolean shouldRollOnProcessingTime(PartFileInfo<String> part, long now) {
            return now - part.getLastUpdateTime() >= idleMs;
        }
    }

    /**
     * Flink's {@link DateTimeBucketAssigner} folders (the processing time's hour in the JVM's zone), named once a
     * minute instead of formatting a date for every row.
     */
    static final class HourFolders<T> implements BucketAssigner<T, String> {
        private static final long serialVersionUID = 1L;
        private final DateTimeBucketAssigner<T> names = new DateTimeBucketAssigner<>();
        private transient long minute;
        private transient String bucket;

        @Override
        public String getBucketId(T element, Context context) {
            long now = Math.floorDiv(context.currentProcessingTime(), 60_000L);
            if (bucket == null || now != minute) {
                bucket = names.getBucketId(element, context);
                minute = now;
            }
            return bucket;
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** One folder per source file: its path under the input folder (or the topic, for Kafka inputs). */
    private static final class BySourceFile<T> implements BucketAssigner<T, String> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final SerializableFunction<T, String> source;

        BySourceFile(String root, SerializableFunction<T, String> source) {
            this.root = root;
            this.source = source;
        }

        @Override
        public String getBucketId(T element, Context context) {
            String name = source.apply(element);
            if (!root.isEmpty() && name.startsWith(root + "/")) {
                return name.substring(root.length() + 1);
            }
            return new Path(name).getName();
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }
}
