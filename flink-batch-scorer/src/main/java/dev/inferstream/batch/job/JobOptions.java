/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.source.FileKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The batch job's options, checked once. Inputs: {@code --input <file or folder>} (Avro or CSV) or
 * {@code --input-topic <topic>} (a bounded Kafka range). Outputs: {@code --output <folder>} or
 * {@code --output-topic <topic>}; dead letters likewise.
 *
 * @param jobName names the job and prefixes its Kafka transactional ids (stable across runs of the same job)
 * @param eventTimeField for file inputs, the field holding each row's event time; null: the file's modification
 *     time
 * @param createTopics create missing output and dead-letter topics instead of refusing to start
 * @param restartAttempts restarts after a failure that a restart may heal, before the job fails
 * @param explainTopK how many of each prediction's largest attributions it carries; 0: no explanations
 * @param splitBytes file inputs: bytes per split (0: about four splits per parallel reader, 1–64 MiB each)
 * @param outputFields file outputs: the columns to write ({@link OutputFields}); empty: the format's default
 * @param columnar score Parquet inputs column-wise where the job allows it ({@link ColumnarPlan})
 */
public record JobOptions(
        String modelRepository,
        String model,
        String version,
        Source source,
        Sink output,
        Sink deadLetters,
        int batchSize,
        int parallelism,
        int inferenceThreads,
        Duration checkpointInterval,
        Map<String, String> kafka,
        Map<String, String> registry,
        String scorerId,
        String deploymentTopic,
        Backtest backtest,
        String jobName,
        String eventTimeField,
        boolean createTopics,
        int restartAttempts,
        Duration restartDelay,
        int explainTopK,
        long splitBytes,
        List<String> outputFields,
        boolean columnar)
        implements Serializable {

    /**
     * Scores every row with {@code --version} and a candidate side by side and reports both versions' quality
     * (where the rows carry the observed outcome) and how often they disagree.
     *
     * @param labelField the field holding the observed label or value, or null
     * @param report where the JSON report goes, or null
     * @param maxAccuracyDrop the candidate fails the backtest when its accuracy is lower than the stable one's by
     *     more than this; null: no gate
     */
    public record Backtest(int candidate, String labelField, String report, Double maxAccuracyDrop)
            implements Serializable {}

    /** Where rows come from. */
    public sealed interface Source extends Serializable {}

    /** Avro container or CSV files: a file or a folder of them. */
    public record FileInput(String path, Format format) implements Source {}

    /**
     * A bounded range of a Kafka topic.
     *
     * @param start {@code earliest}, {@code timestamp:<epoch ms>} or {@code <partition>:<offset>,…}
     * @param end {@code latest}, {@code timestamp:<epoch ms>} or {@code <partition>:<offset>,…} (exclusive)
     */
    public record KafkaInput(String topic, String start, String end) implements Source {}

    /** Where results go. */
    public sealed interface Sink extends Serializable {}

    /** Files in a folder. */
    public record FileOutput(String path, Format format) implements Sink {}

    /** A Kafka topic, written exactly once. */
    public record KafkaOutput(String topic) implements Sink {}

    /** File formats. */
    public enum Format {
        AVRO,
        CSV,
        PARQUET;

        /** The reader of this format. */
        public FileKind kind() {
            return FileKind.valueOf(name());
        }
    }

    /**
     * Parses a command line (without {@code --help}/{@code --version}, which only the entry point answers).
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static JobOptions parse(String... args) {
        JobArguments arguments = new JobArguments();
        CommandLine cli = JobRules.commandLine(arguments);
        try {
            cli.parseArgs(arguments.takeClientSettings(args));
            return JobRules.check(cli, arguments);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A command line for {@code command} (the entry point, with {@link JobArguments} mixed in) in the job's style. */
    public static CommandLine commandLine(Object command) {
        return JobRules.commandLine(command);
    }

    /**
     * The checked options of a parsed command line.
     *
     * @throws CommandLine.ParameterException listing every problem
     */
    public static JobOptions check(CommandLine cli, JobArguments arguments) {
        return JobRules.check(cli, arguments);
    }

    /** Whether the job reads or writes Kafka (and so needs the broker and the registry). */
    public boolean usesKafka() {
        return source instanceof KafkaInput
                || output instanceof KafkaOutput
                || deadLetters instanceof KafkaOutput
                || deploymentTopic != null;
    }
}
