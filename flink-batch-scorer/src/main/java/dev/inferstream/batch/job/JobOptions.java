/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch job's command line, validated once. Inputs: {@code --input <file or folder>} (Avro or CSV) or
 * {@code --input-topic <topic>} (a bounded Kafka range). Outputs: {@code --output <folder>} or
 * {@code --output-topic <topic>}; dead letters likewise.
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
        Backtest backtest)
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

    public record FileOutput(String path, Format format) implements Sink {}

    public record KafkaOutput(String topic) implements Sink {}

    /** File formats. */
    public enum Format {
        AVRO,
        CSV
    }

    static final String USAGE = """
            usage: flink-batch-scorer --model-repository <folder|URI> --model <name> [--version <n>|latest]
                     (--input <file|folder> [--input-format avro|csv] | --input-topic <topic> [--start-offsets earliest|timestamp:<ms>|<p>:<o>,...] [--end-offsets latest|timestamp:<ms>|<p>:<o>,...])
                     (--output <folder> [--output-format avro|csv] | --output-topic <topic>)
                     [--dead-letters <folder> | --dead-letter-topic <topic>]
                     [--bootstrap-servers <host:port>] [--schema-registry-url <url>]
                     [--batch-size 256] [--parallelism <n>] [--inference-threads 1] [--checkpoint-interval-ms 10000]
                     [--deployment-topic <control topic>] [--scorer-id <name>]
                     [--candidate <n> [--label-field <field>] [--report <file.json>] [--max-accuracy-drop <d>]]
                     [--kafka.<client key> <value>] [--schema.registry.<key> <value>]""";

    private static final Set<String> KEYS = Set.of(
            "--model-repository",
            "--model",
            "--version",
            "--input",
            "--input-format",
            "--input-topic",
            "--start-offsets",
            "--end-offsets",
            "--output",
            "--output-format",
            "--output-topic",
            "--dead-letters",
            "--dead-letter-topic",
            "--bootstrap-servers",
            "--schema-registry-url",
            "--batch-size",
            "--parallelism",
            "--inference-threads",
            "--checkpoint-interval-ms",
            "--scorer-id",
            "--deployment-topic",
            "--candidate",
            "--label-field",
            "--report",
            "--max-accuracy-drop");

    /** Parses and validates; every problem is reported at once with the usage. */
    public static JobOptions parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> kafka = new HashMap<>();
        Map<String, String> registry = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--") || i + 1 >= args.length) {
                problems.add("'" + key + "' needs a value");
                continue;
            }
            String value = args[++i];
            if (key.startsWith("--kafka.")) {
                kafka.put(key.substring("--kafka.".length()), value);
            } else if (key.startsWith("--schema.registry.") || key.startsWith("--basic.auth.")) {
                registry.put(key.substring(2), value);
            } else if (KEYS.contains(key)) {
                a.put(key, value);
            } else {
                problems.add("unknown option " + key);
            }
        }
        for (String required : List.of("--model-repository", "--model")) {
            if (!a.containsKey(required)) {
                problems.add(required + " is required");
            }
        }
        String version = a.getOrDefault("--version", "latest");
        if (!version.equals("latest") && !version.matches("[1-9][0-9]*")) {
            problems.add("--version must be a positive number or latest, not " + version);
        }
        Source source = null;
        if (a.containsKey("--input") == a.containsKey("--input-topic")) {
            problems.add("give exactly one of --input <file|folder> and --input-topic <topic>");
        } else if (a.containsKey("--input")) {
            source = new FileInput(a.get("--input"), format(a, "--input-format", a.get("--input"), problems));
        } else {
            source = new KafkaInput(
                    a.get("--input-topic"),
                    a.getOrDefault("--start-offsets", "earliest"),
                    a.getOrDefault("--end-offsets", "latest"));
        }
        Sink output = null;
        if (a.containsKey("--output") == a.containsKey("--output-topic")) {
            problems.add("give exactly one of --output <folder> and --output-topic <topic>");
        } else {
            output = a.containsKey("--output")
                    ? new FileOutput(a.get("--output"), format(a, "--output-format", a.get("--output"), problems))
                    : new KafkaOutput(a.get("--output-topic"));
        }
        Sink deadLetters;
        if (a.containsKey("--dead-letters") && a.containsKey("--dead-letter-topic")) {
            problems.add("give at most one of --dead-letters and --dead-letter-topic");
            deadLetters = null;
        } else if (a.containsKey("--dead-letter-topic")) {
            deadLetters = new KafkaOutput(a.get("--dead-letter-topic"));
        } else {
            String dir = a.getOrDefault(
                    "--dead-letters", output instanceof FileOutput f ? f.path() + "-dead-letters" : "dead-letters");
            deadLetters = new FileOutput(dir, Format.AVRO);
        }
        boolean usesKafka = source instanceof KafkaInput
                || output instanceof KafkaOutput
                || deadLetters instanceof KafkaOutput
                || a.containsKey("--deployment-topic");
        if (a.containsKey("--deployment-topic") && a.containsKey("--version")) {
            problems.add("give --version or --deployment-topic, not both: the deployment decides the versions");
        }
        if (usesKafka && !a.containsKey("--bootstrap-servers")) {
            problems.add("--bootstrap-servers is required with a Kafka input or output");
        }
        if (usesKafka && !a.containsKey("--schema-registry-url")) {
            problems.add("--schema-registry-url is required with a Kafka input or output (Confluent wire format)");
        }
        if (a.containsKey("--bootstrap-servers")) {
            kafka.put("bootstrap.servers", a.get("--bootstrap-servers"));
        }
        if (a.containsKey("--schema-registry-url")) {
            registry.put("schema.registry.url", a.get("--schema-registry-url"));
        }
        int batch = number(a, "--batch-size", 256, 1, 100_000, problems);
        int parallelism = number(a, "--parallelism", -1, -1, 10_000, problems);
        int threads = number(a, "--inference-threads", 1, 1, 64, problems);
        int checkpoint = number(a, "--checkpoint-interval-ms", 10_000, 100, Integer.MAX_VALUE, problems);
        Backtest backtest = backtest(a, version, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems) + "\n" + USAGE);
        }
        return new JobOptions(
                a.get("--model-repository"),
                a.get("--model"),
                version,
                source,
                output,
                deadLetters,
                batch,
                parallelism,
                threads,
                Duration.ofMillis(checkpoint),
                Map.copyOf(kafka),
                Map.copyOf(registry),
                a.getOrDefault("--scorer-id", "batch-scorer"),
                a.get("--deployment-topic"),
                backtest);
    }

    private static Backtest backtest(Map<String, String> a, String version, List<String> problems) {
        boolean gated =
                a.containsKey("--label-field") || a.containsKey("--report") || a.containsKey("--max-accuracy-drop");
        if (!a.containsKey("--candidate")) {
            if (gated) {
                problems.add(
                        "--label-field, --report and --max-accuracy-drop belong to a backtest: add --candidate <n>");
            }
            return null;
        }
        int candidate = number(a, "--candidate", 1, 1, Integer.MAX_VALUE, problems);
        if (!version.matches("[1-9][0-9]*")) {
            problems.add("a backtest compares --candidate with a fixed --version <n> (the stable one), not " + version);
        } else if (Integer.parseInt(version) == candidate) {
            problems.add("--candidate " + candidate + " is the --version itself: compare two different versions");
        }
        if (a.containsKey("--deployment-topic")) {
            problems.add("a backtest takes --version and --candidate, not --deployment-topic");
        }
        Double drop = null;
        if (a.containsKey("--max-accuracy-drop")) {
            try {
                drop = Double.parseDouble(a.get("--max-accuracy-drop"));
            } catch (NumberFormatException e) {
                problems.add("--max-accuracy-drop must be a number, e.g. 0.01");
            }
            if (!a.containsKey("--label-field")) {
                problems.add("--max-accuracy-drop needs --label-field: accuracy is measured against observed labels");
            }
        }
        return new Backtest(candidate, a.get("--label-field"), a.get("--report"), drop);
    }

    private static Format format(Map<String, String> a, String key, String path, List<String> problems) {
        String value = a.get(key);
        if (value == null) {
            return path.endsWith(".csv") ? Format.CSV : Format.AVRO;
        }
        try {
            return Format.valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            problems.add(key + " must be avro or csv, not " + value);
            return Format.AVRO;
        }
    }

    private static int number(
            Map<String, String> a, String key, int fallback, int min, int max, List<String> problems) {
        String value = a.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problems.add(key + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, not " + value);
            return fallback;
        }
    }
}
