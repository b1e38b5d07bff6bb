/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.job.JobOptions.Format;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The batch job's command-line options as picocli parses them (types and defaults); {@link JobRules} turns them
 * into a checked {@link JobOptions}. A picocli mixin of the entry point. Kafka client and registry settings pass through as {@code --kafka.<key> <value>}
 * and {@code --schema.registry.<key> <value>} / {@code --basic.auth.<key> <value>}.
 */
public final class JobArguments {
    @Option(
            names = "--model-repository",
            paramLabel = "DIR|URI",
            order = 1,
            description = "Where models are published: a folder, any Flink file system URI (s3://, hdfs://), or an "
                    + "http(s) URL. Required.")
    String modelRepository;

    @Option(names = "--model", paramLabel = "NAME", order = 2, description = "The model to score with. Required.")
    String model;

    /** What {@code --version} holds when given without a value: print the tool's version. */
    static final String TOOL_VERSION = "";

    @Option(
            names = "--version",
            paramLabel = "N|latest",
            arity = "0..1",
            fallbackValue = TOOL_VERSION,
            order = 3,
            description = "The model version to score with; latest is resolved once, when the job starts "
                    + "(default: latest). Without a value: print this tool's version and exit.")
    String version;

    @Option(
            names = "--input",
            paramLabel = "FILE|DIR",
            order = 10,
            description = "Avro container or CSV file(s) to score: a file or a folder of them.")
    String input;

    @Option(
            names = "--input-format",
            paramLabel = "avro|csv|parquet",
            order = 11,
            description = "Format of --input (default: csv for a *.csv file, parquet for *.parquet, else avro).")
    Format inputFormat;

    @Option(
            names = "--split-size",
            paramLabel = "SIZE",
            order = 16,
            description = "File inputs: bytes per split, e.g. 64m (default: auto, about four splits per parallel "
                    + "reader, 1-64 MiB each). Files split at Avro sync markers, CSV records and Parquet row groups.")
    String splitSize;

    @Option(
            names = "--event-time-field",
            paramLabel = "FIELD",
            order = 12,
            description = "File inputs: the field holding each row's event time (epoch millis or ISO-8601); "
                    + "without it a row's event time is its file's modification time.")
    String eventTimeField;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            order = 13,
            description = "A Kafka topic to score a bounded range of (Confluent-framed Avro values).")
    String inputTopic;

    @Option(
            names = "--start-offsets",
            paramLabel = "SPEC",
            defaultValue = "earliest",
            order = 14,
            description = "Where the range starts: earliest, timestamp:<epoch ms> or <partition>:<offset>,... "
                    + "(default: ${DEFAULT-VALUE}).")
    String startOffsets;

    @Option(
            names = "--end-offsets",
            paramLabel = "SPEC",
            defaultValue = "latest",
            order = 15,
            description = "Where the range ends (exclusive): latest, timestamp:<epoch ms> or "
                    + "<partition>:<offset>,... (default: ${DEFAULT-VALUE}).")
    String endOffsets;

    @Option(names = "--output", paramLabel = "DIR", order = 20, description = "Folder the predictions are written to.")
    String output;

    @Option(
            names = "--output-format",
            paramLabel = "avro|csv|parquet",
            order = 21,
            description = "Format of --output (default: csv when the folder name ends in .csv, parquet for "
                    + ".parquet, else avro).")
    Format outputFormat;

    @Option(
            names = "--output-fields",
            paramLabel = "FIELD,...",
            split = ",",
            order = 26,
            description = "File outputs: the columns to write, e.g. key,score,label,version,arm,prediction_id plus "
                    + "input columns to carry over (input.<name>, or a bare name that is no prediction field). "
                    + "Default: the full Prediction envelope (avro), every prediction column and the input's "
                    + "(csv), row,key,prediction_id,version,arm,score,label (parquet).")
    List<String> outputFields;

    @Option(
            names = "--no-columnar",
            negatable = true,
            defaultValue = "true",
            order = 27,
            description = "Parquet input to a compact Parquet output: read the model's columns, score and write whole "
                    + "column batches without a record object per row, where the job allows it (see the README); "
                    + "--no-columnar reads one record per row (default: on).")
    boolean columnar;

    @Option(
            names = "--output-topic",
            paramLabel = "TOPIC",
            order = 22,
            description = "Kafka topic the predictions are written to, exactly once.")
    String outputTopic;

    @Option(
            names = "--dead-letters",
            paramLabel = "DIR",
            order = 23,
            description =
                    "Folder for rows that cannot be scored (default: <--output>-dead-letters, or " + "dead-letters).")
    String deadLetters;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            order = 24,
            description = "Kafka topic for rows that cannot be scored.")
    String deadLetterTopic;

    @Option(
            names = "--create-topics",
            order = 25,
            description = "Create the output and dead-letter topics when they do not exist (broker defaults for "
                    + "partitions and replication).")
    boolean createTopics;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            order = 30,
            description = "Kafka, needed by a Kafka input, output or --deployment-topic.")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            order = 31,
            description = "Schema registry, needed with Kafka (Confluent wire format).")
    String schemaRegistryUrl;

    @Option(
            names = "--deployment-topic",
            paramLabel = "TOPIC",
            order = 32,
            description = "Score with the model's current rollout on this control topic (canary, A/B, ...), "
                    + "read once when the job starts, instead of --version.")
    String deploymentTopic;

    @Option(
            names = "--scorer-id",
            paramLabel = "NAME",
            defaultValue = "batch-scorer",
            order = 33,
            description = "Written into every prediction's scorer field (default: ${DEFAULT-VALUE}).")
    String scorerId;

    @Option(
            names = "--job-name",
            paramLabel = "NAME",
            order = 34,
            description = "Names the job and the prefix of its Kafka transactions; give the same name when "
                    + "restoring from a savepoint (default: <model>-<digest of input and output>).")
    String jobName;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "256",
            order = 40,
            description = "Rows per inference call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "-1",
            order = 41,
            description = "Scoring tasks (default: the environment's parallelism).")
    int parallelism;

    @Option(
            names = "--inference-threads",
            paramLabel = "N",
            defaultValue = "1",
            order = 42,
            description = "ONNX Runtime threads per task (default: ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            defaultValue = "10000",
            order = 43,
            description = "How often output is committed (default: ${DEFAULT-VALUE}).")
    int checkpointIntervalMs;

    @Option(
            names = "--restart-attempts",
            paramLabel = "N",
            defaultValue = "3",
            order = 44,
            description = "Restarts after a task failure before the job fails; failures that a restart cannot "
                    + "heal fail it at once (default: ${DEFAULT-VALUE}).")
    int restartAttempts;

    @Option(
            names = "--restart-delay-ms",
            paramLabel = "MS",
            defaultValue = "2000",
            order = 45,
            description = "Pause before each restart (default: ${DEFAULT-VALUE}).")
    int restartDelayMs;

    @Option(
            names = "--explain",
            paramLabel = "top-<k>|all",
            order = 46,
            description = "Explain every prediction: its k largest attributions (top-5) or all, with the base value "
                    + "and the explained output, written into the output (the model.yaml needs an explain section).")
    String explain;

    @Option(
            names = "--candidate",
            paramLabel = "N",
            order = 50,
            description = "Backtest: score every row with this version beside --version and compare them.")
    Integer candidate;

    @Option(
            names = "--label-field",
            paramLabel = "FIELD",
            order = 51,
            description = "Backtest: the field holding the observed label or value.")
    String labelField;

    @Option(names = "--report", paramLabel = "FILE", order = 52, description = "Backtest: write a JSON report here.")
    String report;

    @Option(
            names = "--max-accuracy-drop",
            paramLabel = "D",
            order = 53,
            description = "Backtest: fail (exit 3) when the candidate's accuracy is lower by more than D.")
    Double maxAccuracyDrop;

    /** {@code --kafka.<key> <value>}: Kafka client settings, split off before picocli parses the rest. */
    final Map<String, String> kafka = new HashMap<>();

    /** {@code --schema.registry.<key> <value>}, {@code --basic.auth.<key> <value>}: registry client settings. */
    final Map<String, String> registry = new HashMap<>();

    /** Client settings without a value. */
    final List<String> problems = new ArrayList<>();

    /** Whether {@code --version} was given without a value (print the tool's version). */
    public boolean versionRequested() {
        return TOOL_VERSION.equals(version);
    }

    /**
     * Takes the client settings out of {@code args} (picocli has no prefix options) and returns the rest.
     *
     * <pre>{@code
     * cli.execute(arguments.takeClientSettings(args));
     * }</pre>
     */
    public String[] takeClientSettings(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String key = equals > 0 ? arg.substring(0, equals) : arg;
            boolean client = key.startsWith("--kafka.");
            boolean registryKey = key.startsWith("--schema.registry.") || key.startsWith("--basic.auth.");
            if (!client && !registryKey) {
                rest.add(arg);
                continue;
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                problems.add(key + " needs a value");
                continue;
            }
            if (client) {
                kafka.put(key.substring("--kafka.".length()), value);
            } else {
                registry.put(key.substring(2), value);
            }
        }
        return rest.toArray(String[]::new);
    }
}
