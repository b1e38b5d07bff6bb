/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.job.JobOptions.Backtest;
import dev.inferstream.batch.job.JobOptions.FileInput;
import dev.inferstream.batch.job.JobOptions.FileOutput;
import dev.inferstream.batch.job.JobOptions.Format;
import dev.inferstream.batch.job.JobOptions.KafkaInput;
import dev.inferstream.batch.job.JobOptions.KafkaOutput;
import dev.inferstream.batch.job.JobOptions.Sink;
import dev.inferstream.batch.job.JobOptions.Source;
import dev.inferstream.model.envelope.Explanations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** The rules between options that picocli's types cannot express; every broken rule is reported at once. */
final class JobRules {
    private JobRules() {}

    /** A command line for {@code command} (the entry point, or {@link JobArguments} alone) in this job's style. */
    static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // type errors are collected with the rules' problems, so that one run reports them all
        cli.getCommandSpec().parser().collectErrors(true);
        return cli;
    }

    /**
     * The checked options of a parsed command line.
     *
     * @throws CommandLine.ParameterException listing every problem (picocli exits 2 with the usage)
     */
    static JobOptions check(CommandLine cli, JobArguments a) {
        List<String> problems = new ArrayList<>();
        cli.getParseResult().errors().forEach(e -> problems.add(e.getMessage()));
        problems.addAll(a.problems);
        Map<String, String> kafka = new HashMap<>(a.kafka);
        Map<String, String> registry = new HashMap<>(a.registry);
        if (a.modelRepository == null) {
            problems.add("--model-repository is required: the folder or URL models are published to");
        }
        if (a.model == null) {
            problems.add("--model is required: the name of the model to score with");
        }
        String version = a.version == null ? "latest" : a.version;
        if (a.versionRequested()) {
            problems.add("--version needs a model version here: a number or latest");
        } else if (!version.equals("latest") && !version.matches("[1-9][0-9]*")) {
            problems.add("--version must be a positive number or latest, not " + version);
        }
        Source source = source(a, problems);
        Sink output = null;
        if ((a.output == null) == (a.outputTopic == null)) {
            problems.add("give exactly one of --output <folder> and --output-topic <topic>");
        } else {
            output = a.output != null
                    ? new FileOutput(a.output, format(a.outputFormat, a.output))
                    : new KafkaOutput(a.outputTopic);
        }
        Sink deadLetters = deadLetters(a, output, problems);
        if (a.deploymentTopic != null && a.version != null) {
            problems.add("give --version or --deployment-topic, not both: the deployment decides the versions");
        }
        boolean usesKafka = source instanceof KafkaInput
                || output instanceof KafkaOutput
                || deadLetters instanceof KafkaOutput
                || a.deploymentTopic != null;
        if (usesKafka && a.bootstrapServers == null) {
            problems.add("--bootstrap-servers is required with a Kafka input or output or --deployment-topic");
        }
        if (usesKafka && a.schemaRegistryUrl == null) {
            problems.add("--schema-registry-url is required with a Kafka input or output or --deployment-topic "
                    + "(Confluent wire format)");
        }
        if (a.bootstrapServers != null) {
            kafka.put("bootstrap.servers", a.bootstrapServers);
        }
        if (a.schemaRegistryUrl != null) {
            registry.put("schema.registry.url", a.schemaRegistryUrl);
        }
        if (a.createTopics && !(output instanceof KafkaOutput) && !(deadLetters instanceof KafkaOutput)) {
            problems.add("--create-topics creates --output-topic and --dead-letter-topic: give one of them");
        }
        between("--batch-size", a.batchSize, 1, 100_000, problems);
        if (a.parallelism != -1) {
            between("--parallelism", a.parallelism, 1, 10_000, problems);
        }
        between("--inference-threads", a.inferenceThreads, 1, 64, problems);
        between("--checkpoint-interval-ms", a.checkpointIntervalMs, 100, Integer.MAX_VALUE, problems);
        between("--restart-attempts", a.restartAttempts, 0, 1_000, problems);
        between("--restart-delay-ms", a.restartDelayMs, 0, Integer.MAX_VALUE, problems);
        int explainTopK = 0;
        try {
            explainTopK = Explanations.topK(a.explain);
        } catch (IllegalArgumentException e) {
            problems.add("--explain " + e.getMessage());
        }
        Backtest backtest = backtest(a, version, problems);
        long splitBytes = splitBytes(a.splitSize, problems);
        List<String> outputFields = OutputFields.check(a.outputFields, output, source, problems);
        if (explainTopK > 0 && !outputFields.isEmpty()) {
            problems.add("--explain writes its columns with the default output columns only: drop --output-fields, "
                    + "or --explain");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(cli, String.join("\n", problems));
        }
        return new JobOptions(
                a.modelRepository,
                a.model,
                version,
                source,
                output,
                deadLetters,
                a.batchSize,
                a.parallelism,
                a.inferenceThreads,
                Duration.ofMillis(a.checkpointIntervalMs),
                Map.copyOf(kafka),
                Map.copyOf(registry),
                a.scorerId,
                a.deploymentTopic,
                backtest,
                a.jobName != null ? a.jobName : defaultJobName(a.model, source, output),
                a.eventTimeField,
                a.createTopics,
                a.restartAttempts,
                Duration.ofMillis(a.restartDelayMs),
                explainTopK,
                splitBytes,
                outputFields,
                a.columnar);
    }

    private static Source source(JobArguments a, List<String> problems) {
        if ((a.input == null) == (a.inputTopic == null)) {
            problems.add("give exactly one of --input <file|folder> and --input-topic <topic>");
            return null;
        }
        if (a.input != null) {
            return new FileInput(a.input, a.inputFormat != null ? a.inputFormat : format(null, a.input));
        }
        if (a.eventTimeField != null) {
            problems.add("--event-time-field is for file inputs: a Kafka record's event time is its timestamp");
        }
        return new KafkaInput(a.inputTopic, a.startOffsets, a.endOffsets);
    }

    private static Sink deadLetters(JobArguments a, Sink output, List<String> problems) {
        if (a.deadLetters != null && a.deadLetterTopic != null) {
            problems.add("give at most one of --dead-letters and --dead-letter-topic");
            return null;
        }
        if (a.deadLetterTopic != null) {
            return new KafkaOutput(a.deadLetterTopic);
        }
        String dir = a.deadLetters != null
                ? a.deadLetters
                : output instanceof FileOutput f ? f.path() + "-dead-letters" : "dead-letters";
        return new FileOutput(dir, Format.AVRO);
    }

    private static Backtest backtest(JobArguments a, String version, List<String> problems) {
        boolean gated = a.labelField != null || a.report != null || a.maxAccuracyDrop != null;
        if (a.candidate == null) {
            if (gated) {
                problems.add(
                        "--label-field, --report and --max-accuracy-drop belong to a backtest: add --candidate <n>");
            }
            return null;
        }
        between("--candidate", a.candidate, 1, Integer.MAX_VALUE, problems);
        if (!version.matches("[1-9][0-9]*")) {
            problems.add("a backtest compares --candidate with a fixed --version <n> (the stable one), not " + version);
        } else if (Integer.parseInt(version) == a.candidate) {
            problems.add("--candidate " + a.candidate + " is the --version itself: compare two different versions");
        }
        if (a.deploymentTopic != null) {
            problems.add("a backtest takes --version and --candidate, not --deployment-topic");
        }
        if (a.maxAccuracyDrop != null && a.labelField == null) {
            problems.add("--max-accuracy-drop needs --label-field: accuracy is measured against observed labels");
        }
        return new Backtest(a.candidate, a.labelField, a.report, a.maxAccuracyDrop);
    }

    private static Format format(Format given, String path) {
        if (given != null) {
            return given;
        }
        return path.endsWith(".csv") ? Format.CSV : path.endsWith(".parquet") ? Format.PARQUET : Format.AVRO;
    }

    /** {@code 64m}, {@code 512k}, {@code 1g} or a number of bytes; {@code auto} (or absent) is 0. */
    static long splitBytes(String size, List<String> problems) {
        if (size == null || size.equals("auto")) {
            return 0;
        }
        String text = size.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            text = text.substring(0, text.length() - 1);
        }
        try {
            long bytes = Long.parseLong(text) * unit;
            if (bytes >= 1) {
                return bytes;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("--split-size must be auto or a size such as 64m, 512k or 1g, not " + size);
        return 0;
    }

    private static void between(String option, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /**
     * {@code <model>-<8 hex digits>}, a digest of what the job reads and writes: the same command line gives the
     * same name (and so the same transactional ids) in every run.
     */
    private static String defaultJobName(String model, Source source, Sink output) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((source + "|" + output).getBytes(StandardCharsets.UTF_8));
            return model + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
