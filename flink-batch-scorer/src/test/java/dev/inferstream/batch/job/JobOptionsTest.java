/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void fileJobDefaultsFormatsFromNamesAndDeadLettersNextToOutput() {
        JobOptions o = JobOptions.parse(new String[] {
            "--model-repository", "models", "--model", "fraud", "--input", "in/events.csv", "--output", "out"
        });
        assertThat(o.source()).isEqualTo(new JobOptions.FileInput("in/events.csv", JobOptions.Format.CSV));
        assertThat(o.output()).isEqualTo(new JobOptions.FileOutput("out", JobOptions.Format.AVRO));
        assertThat(o.deadLetters()).isEqualTo(new JobOptions.FileOutput("out-dead-letters", JobOptions.Format.AVRO));
        assertThat(o.version()).isEqualTo("latest");
        assertThat(o.batchSize()).isEqualTo(256);
        assertThat(o.restartAttempts()).isEqualTo(3);
        assertThat(o.eventTimeField()).isNull();
    }

    @Test
    void theColumnarPathIsOnUnlessNoColumnarIsGiven() {
        String[] base = {"--model-repository", "models", "--model", "fraud", "--input", "in.parquet", "--output", "o"};
        assertThat(JobOptions.parse(base).columnar()).isTrue();
        String[] off = Arrays.copyOf(base, base.length + 1);
        off[base.length] = "--no-columnar";
        assertThat(JobOptions.parse(off).columnar()).isFalse();
    }

    @Test
    void theJobNameAndSoTheTransactionalIdsAreStableForTheSameCommandLine() {
        String[] args = fraud(
                "--input-topic",
                "tx",
                "--output-topic",
                "scores",
                "--bootstrap-servers",
                "k:9092",
                "--schema-registry-url",
                "http://r:8081");
        JobOptions once = JobOptions.parse(args);
        JobOptions again = JobOptions.parse(args);
        assertThat(once.jobName()).startsWith("fraud-").isEqualTo(again.jobName());
        assertThat(BatchScoringJob.transactionalIdPrefix(once, "predictions"))
                .isEqualTo(BatchScoringJob.transactionalIdPrefix(again, "predictions"))
                .isEqualTo("inferstream-batch-" + once.jobName() + "-predictions");
        assertThat(JobOptions.parse(concat(args, "--end-offsets", "0:100")).jobName())
                .as("another range is another job")
                .isNotEqualTo(once.jobName());
        assertThat(JobOptions.parse(concat(args, "--job-name", "nightly-backfill"))
                        .jobName())
                .isEqualTo("nightly-backfill");
    }

    @Test
    void typedOptionsAcceptCaseInsensitiveFormatsAndClientSettingsInBothForms() {
        JobOptions o = JobOptions.parse(fraud(
                "--input",
                "in",
                "--input-format",
                "CSV",
                "--output",
                "out",
                "--output-format",
                "csv",
                "--kafka.acks=all",
                "--event-time-field",
                "ts"));
        assertThat(o.source()).isEqualTo(new JobOptions.FileInput("in", JobOptions.Format.CSV));
        assertThat(o.output()).isEqualTo(new JobOptions.FileOutput("out", JobOptions.Format.CSV));
        assertThat(o.kafka()).containsEntry("acks", "all");
        assertThat(o.eventTimeField()).isEqualTo("ts");
        assertThatThrownBy(() -> JobOptions.parse(fraud("--input", "in", "--input-format", "orc", "--output", "out")))
                .hasMessageContaining("--input-format")
                .hasMessageContaining("orc");
        assertThatThrownBy(() -> JobOptions.parse(fraud(
                        "--input-topic",
                        "t",
                        "--event-time-field",
                        "ts",
                        "--output",
                        "out",
                        "--bootstrap-servers",
                        "k:1",
                        "--schema-registry-url",
                        "http://r:1")))
                .hasMessageContaining("--event-time-field is for file inputs");
    }

    @Test
    void kafkaJobTakesRangesAndClientSettings() {
        JobOptions o = JobOptions.parse(new String[] {
            "--model-repository",
            "s3://models",
            "--model",
            "fraud",
            "--version",
            "3",
            "--input-topic",
            "tx",
            "--start-offsets",
            "timestamp:1700000000000",
            "--end-offsets",
            "0:100,1:250",
            "--output-topic",
            "scores",
            "--bootstrap-servers",
            "k:9092",
            "--schema-registry-url",
            "http://r:8081",
            "--kafka.security.protocol",
            "SSL",
            "--basic.auth.user.info",
            "u:p"
        });
        assertThat(o.source()).isEqualTo(new JobOptions.KafkaInput("tx", "timestamp:1700000000000", "0:100,1:250"));
        assertThat(o.kafka()).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "k:9092");
        assertThat(o.registry()).containsEntry("basic.auth.user.info", "u:p");
        assertThat(BatchScoringJob.offsets("tx", "0:100,1:250", OffsetsInitializer.latest()))
                .isNotNull();
        assertThat(BatchScoringJob.offsets("tx", "earliest", OffsetsInitializer.latest()))
                .isNotNull();
    }

    @Test
    void reportsEveryProblemWithTheUsage() {
        assertThatThrownBy(() -> JobOptions.parse(new String[] {
                    "--model", "fraud", "--input", "a", "--input-topic", "t", "--batch-size", "zero", "--colour", "red"
                }))
                .hasMessageContaining("--model-repository is required")
                .hasMessageContaining("exactly one of --input")
                .hasMessageContaining("exactly one of --output")
                .hasMessageContaining("'zero' is not an int")
                .hasMessageContaining("Unknown options: '--colour'");
    }

    @Test
    void malformedOffsetsSayHowToWriteThem() {
        assertThatThrownBy(() -> BatchScoringJob.offsets("tx", "100", OffsetsInitializer.latest()))
                .hasMessageContaining("<partition>:<offset>");
    }

    @Test
    void aBacktestComparesTwoFixedVersions() {
        String[] base = {"--model-repository", "m", "--model", "fraud", "--input", "in.csv", "--output", "out"};
        JobOptions ok = JobOptions.parse(concat(
                base, "--version", "3", "--candidate", "4", "--label-field", "y", "--max-accuracy-drop", "0.01"));
        org.assertj.core.api.Assertions.assertThat(ok.backtest())
                .isEqualTo(new JobOptions.Backtest(4, "y", null, 0.01));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobOptions.parse(concat(base, "--candidate", "4")))
                .hasMessageContaining("a fixed --version <n>");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JobOptions.parse(concat(base, "--version", "4", "--candidate", "4")))
                .hasMessageContaining("the --version itself");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobOptions.parse(
                        concat(base, "--version", "3", "--candidate", "4", "--max-accuracy-drop", "0.1")))
                .hasMessageContaining("needs --label-field");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JobOptions.parse(concat(base, "--version", "3", "--report", "r.json")))
                .hasMessageContaining("add --candidate");
    }

    /** A command line scoring model {@code fraud} of repository {@code m}, then {@code more}. */
    private static String[] fraud(String... more) {
        return concat(new String[] {"--model-repository", "m", "--model", "fraud"}, more);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void parquetFilesSplitSizesAndOutputFieldsAreTypedAndChecked() {
        JobOptions o = JobOptions.parse(fraud(
                "--input",
                "lake/events.parquet",
                "--output",
                "out.parquet",
                "--split-size",
                "16m",
                "--output-fields",
                "key,score,input.amount,merchant"));
        assertThat(o.source()).isEqualTo(new JobOptions.FileInput("lake/events.parquet", JobOptions.Format.PARQUET));
        assertThat(o.output()).isEqualTo(new JobOptions.FileOutput("out.parquet", JobOptions.Format.PARQUET));
        assertThat(o.splitBytes()).isEqualTo(16L << 20);
        assertThat(o.outputFields()).containsExactly("key", "score", "input.amount", "merchant");
        assertThat(JobOptions.parse(fraud("--input", "a.csv", "--output", "o")).splitBytes())
                .as("auto")
                .isZero();

        assertThatThrownBy(() -> JobOptions.parse(fraud(
                        "--input",
                        "a.csv",
                        "--output-topic",
                        "t",
                        "--bootstrap-servers",
                        "b:1",
                        "--schema-registry-url",
                        "http://r",
                        "--split-size",
                        "lots",
                        "--output-fields",
                        "score,score")))
                .hasMessageContaining("--split-size must be auto or a size such as 64m")
                .hasMessageContaining("--output-fields shapes file outputs");
        assertThatThrownBy(() -> JobOptions.parse(
                        fraud("--input", "a.csv", "--output", "o", "--output-fields", "score,label,score,bad-name")))
                .hasMessageContaining("names the column 'score' twice")
                .hasMessageContaining("'bad-name' is not a field name");
    }
}
