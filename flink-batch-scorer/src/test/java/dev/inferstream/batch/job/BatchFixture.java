/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Models, input files and output readers for the batch job's tests. */
final class BatchFixture {
    private BatchFixture() {}

    /** An embedded Flink cluster of one task manager with {@code slots} slots, for {@code @RegisterExtension}. */
    static MiniClusterExtension miniCluster(int slots) {
        return miniCluster(slots, new Configuration());
    }

    /** The same, with {@code config} (metric reporters, …) for its task manager and job manager. */
    static MiniClusterExtension miniCluster(int slots, Configuration config) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(config)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }

    static Schema event(int features) {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("Event").namespace("test.batch").fields().requiredString("id");
        for (int f = 0; f < features; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        return fields.endRecord();
    }

    static String manifest(String name, int version, int features) {
        return TestModels.manifest(name, version, features, TestModels.BINARY_OUTPUTS);
    }

    static LocalModelRepository models(Path dir, String name, int features, boolean mlp) throws IOException {
        LocalModelRepository repo = new LocalModelRepository(dir);
        byte[] onnx = mlp
                ? TestModels.mlp(features, 16, 8, 2, 1)
                : TestModels.logisticRegression(features, 1).onnx();
        repo.publish(new ModelRef(name, 1), manifest(name, 1, features).getBytes(StandardCharsets.UTF_8), onnx);
        return repo;
    }

    /**
     * The job's options to score the files {@code in} into {@code out} with version 1 of model {@code fraud} in
     * {@code repo}, followed by {@code more}.
     */
    static JobOptions fileJob(Path in, Path out, LocalModelRepository repo, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--model-repository",
                repo.root().toString()));
        args.addAll(List.of(more));
        return job(args.toArray(String[]::new));
    }

    /**
     * The job's options to score {@code <dir>/in.csv} into CSV files under {@code <dir>/out} with version 1 of model
     * {@code fraud} in {@code repo}, in batches of {@code batchSize} rows.
     */
    static JobOptions csvJob(Path dir, LocalModelRepository repo, int batchSize) {
        return fileJob(
                dir.resolve("in.csv"),
                dir.resolve("out"),
                repo,
                "--output-format",
                "csv",
                "--batch-size",
                Integer.toString(batchSize));
    }

    /** The job's options {@code args} for version 1 of model {@code fraud}. */
    static JobOptions job(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model", "fraud", "--version", "1"));
        return JobOptions.parse(all.toArray(String[]::new));
    }

    /** Runs the job on the test's MiniCluster, {@code hook} applied to the decoded rows. */
    static JobExecutionResult runJob(String name, JobOptions options, UnaryOperator<DataStream<InputRow>> hook)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options, hook);
        return env.execute(name);
    }

    static List<GenericRecord> events(Schema schema, int count, long seed) {
        Random random = new Random(seed);
        int features = schema.getFields().size() - 1;
        List<GenericRecord> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            GenericRecord e = new GenericData.Record(schema);
            e.put("id", "e" + i);
            for (int f = 0; f < features; f++) {
                e.put("f" + f, random.nextGaussian());
            }
            events.add(e);
        }
        return events;
    }

    static void writeAvro(Path file, Schema schema, Iterable<GenericRecord> records) throws IOException {
        Files.createDirectories(file.getParent());
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            for (GenericRecord r : records) {
                writer.append(r);
            }
        }
    }

    /** The lines of a CSV of {@code rows} good rows for a 3-feature model: {@code id,f0,f1,f2}, then the rows. */
    static List<String> csvRows(int rows) {
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2"));
        for (int i = 0; i < rows; i++) {
            lines.add("r" + i + "," + (i * 0.01) + "," + (-i * 0.02) + "," + (i % 7));
        }
        return lines;
    }

    static void writeCsv(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }

    /** Every record of the committed (visible) Avro files under {@code dir}. */
    static <T extends SpecificRecord> List<T> readAvro(Path dir, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        for (Path file : committedFiles(dir)) {
            try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
                reader.forEach(out::add);
            }
        }
        return out;
    }

    static List<String> readLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : committedFiles(dir)) {
            lines.addAll(Files.readAllLines(file));
        }
        return lines;
    }

    /** Finished part files; in-progress and pending files are hidden (their names start with a dot). */
    static List<Path> committedFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
