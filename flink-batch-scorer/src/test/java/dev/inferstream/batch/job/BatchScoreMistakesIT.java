/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.batch.BatchScorerMain;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.testkit.cli.CommandRun;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common mistakes a new user makes with {@code batch-score}, through the real entry point: each one exits 2
 * within seconds naming the problem and what to do, instead of a job restarting forever (#20). And failures that a
 * restart cannot heal fail a running job at once.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class BatchScoreMistakesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(3);

    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** What a case's command line is built from. */
    record Setup(Path dir, String repository, String csv, TestStack stack) {
        String closedPort() {
            return "127.0.0.1:" + CommandRun.freePort();
        }
    }

    private Setup setup;

    @BeforeEach
    void setUp(TestStack stack) throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 3, false);
        // a version whose model.yaml reads four features, while its graph takes three
        repo.publish(
                new ModelRef("broken", 1),
                TestModels.manifest("broken", 1, 4, TestModels.BINARY_OUTPUTS).getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(3, 1).onnx());
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2"));
        for (int i = 0; i < 50; i++) {
            lines.add("r" + i + "," + i * 0.1 + "," + -i * 0.2 + "," + i % 5);
        }
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);
        setup = new Setup(dir, repo.root().toString(), dir.resolve("in.csv").toString(), stack);
    }

    static List<Arguments> mistakes() {
        return List.of(
                mistake(
                        "wrong model name",
                        s -> base(s, "--model", "frod"),
                        "model 'frod' is not in the repository",
                        "it holds: broken, fraud"),
                mistake(
                        "wrong version",
                        s -> base(s, "--version", "7"),
                        "version 7 of fraud is not in the repository",
                        "published: [1]"),
                mistake(
                        "model that does not load",
                        s -> base(s, "--model", "broken"),
                        "cannot load model broken",
                        "does not match the graph"),
                mistake(
                        "missing input file",
                        s -> withInput(s, s.dir().resolve("nope.csv").toString()),
                        "--input",
                        "nope.csv does not exist"),
                mistake(
                        "input in another format",
                        s -> base(s, "--input-format", "avro"),
                        "cannot be read as avro",
                        "pass --input-format csv"),
                mistake(
                        "missing repository path",
                        s -> withRepository(s, s.dir().resolve("nope").toString()),
                        "the model repository",
                        "does not exist",
                        "--model-repository"),
                mistake(
                        "missing output topic",
                        s -> kafka(
                                s,
                                s.stack().bootstrapServers(),
                                s.stack().registryUrl(),
                                "--output-topic",
                                "absent-" + UUID.randomUUID()),
                        "output topic absent-",
                        "does not exist",
                        "--create-topics"),
                mistake(
                        "missing input topic",
                        s -> kafkaInput(s, "absent-" + UUID.randomUUID()),
                        "input topic absent-",
                        "does not exist",
                        "--input-topic"),
                mistake(
                        "unreachable Kafka",
                        s -> kafka(s, s.closedPort(), s.stack().registryUrl(), "--output-topic", "predictions"),
                        "cannot reach Kafka at 127.0.0.1:",
                        "--bootstrap-servers"),
                mistake(
                        "unreachable registry",
                        s -> kafka(
                                s,
                                s.stack().bootstrapServers(),
                                "http://" + s.closedPort(),
                                "--output-topic",
                                "predictions"),
                        "cannot reach the schema registry at http://127.0.0.1:",
                        "--schema-registry-url"),
                mistake(
                        "bad option value",
                        s -> base(s, "--batch-size", "lots"),
                        "--batch-size",
                        "'lots' is not an int"),
                mistake("unknown option", s -> base(s, "--modle", "fraud"), "Unknown option", "--modle"),
                mistake(
                        "several mistakes",
                        s -> withInput(s, s.dir().resolve("nope.csv").toString(), "--version", "7"),
                        "nope.csv does not exist",
                        "version 7 of fraud"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aCommonMistakeExitsTwoWithinSecondsSayingWhatIsWrong(
            String mistake, Function<Setup, List<String>> args, List<String> keywords) {
        CommandRun run = batchScore(args.apply(setup));

        run.expect(2, FAST, keywords.toArray(String[]::new));
        assertThat(run.err()).as(run.output()).contains(keywords);
        assertThat(run.out()).doesNotContain("rows scored");
    }

    @Test
    void createTopicsCreatesTheMissingOutputTopicsAndParallelWritersScoreEveryRow(TestStack stack) throws Exception {
        String output = "predictions-" + UUID.randomUUID();
        String dlq = "dead-letters-" + UUID.randomUUID();
        for (int f = 1; f <= 2; f++) {
            Files.copy(
                    dir.resolve("in.csv"),
                    Files.createDirectories(dir.resolve("many")).resolve(f + ".csv"));
        }
        Files.copy(dir.resolve("in.csv"), dir.resolve("many/3.csv"));

        CommandRun run = batchScore(List.of(
                "--model-repository",
                setup.repository(),
                "--model",
                "fraud",
                "--input",
                dir.resolve("many").toString(),
                "--input-format",
                "csv",
                "--output-topic",
                output,
                "--dead-letter-topic",
                dlq,
                "--create-topics",
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--parallelism",
                "3",
                "--restart-attempts",
                "0",
                "--checkpoint-interval-ms",
                "500"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.out()).contains("150 rows scored, 0 dead-lettered");
        assertThat(stack.admin().listTopics().names().get()).contains(output, dlq);
    }

    @Test
    void aModelChangedInPlaceAfterTheJobWasBuiltFailsTheJobAtOnceInsteadOfRestarting(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobOptions options = withRestarts("--output", dir.resolve("out").toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options);
        Files.write(
                Path.of(setup.repository(), "fraud", "1", "model.onnx"),
                TestModels.logisticRegression(3, 99).onnx());

        assertFailsAtOnce(env, cluster, "fraud", "changed in the repository since the job started");
    }

    @Test
    void aMissingOutputTopicFailsARunningJobAtOnceInsteadOfRestarting(
            TestStack stack, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobOptions options = withRestarts(
                "--output-topic",
                "absent-" + UUID.randomUUID(),
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--dead-letters",
                dir.resolve("dlq").toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options);

        assertFailsAtOnce(env, cluster, "topic absent-", "does not exist", "--create-topics");
    }

    /**
     * The good model and CSV input written to {@code outputs}, with three restarts allowed: a failure that no restart
     * can heal must not use them.
     */
    private JobOptions withRestarts(String... outputs) {
        List<String> args = new ArrayList<>(List.of("--model-repository", setup.repository(), "--input", setup.csv()));
        args.addAll(List.of(outputs));
        args.addAll(List.of("--restart-attempts", "3", "--restart-delay-ms", "500"));
        return BatchFixture.job(args.toArray(String[]::new));
    }

    /** Runs the job: it must fail with {@code words} in its root cause, and no task may have been restarted. */
    private static void assertFailsAtOnce(StreamExecutionEnvironment env, MiniCluster cluster, String... words)
            throws Exception {
        JobClient job = env.executeAsync("fails at once");
        assertThatThrownBy(() -> job.getJobExecutionResult().get())
                .rootCause()
                .satisfies(cause -> assertThat(cause.getMessage()).contains(words));
        AccessExecutionGraph graph =
                cluster.getArchivedExecutionGraph(job.getJobID()).get();
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            assertThat(vertex.getCurrentExecutionAttempt().getAttemptNumber())
                    .as("attempt of %s (restarts)", vertex.getTaskNameWithSubtaskIndex())
                    .isZero();
        }
    }

    private static Arguments mistake(String name, Function<Setup, List<String>> args, String... keywords) {
        return Arguments.of(name, args, List.of(keywords));
    }

    private static List<String> base(Setup s, String... overrides) {
        return command(s.repository(), s.csv(), s, overrides);
    }

    private static List<String> withInput(Setup s, String input, String... overrides) {
        return command(s.repository(), input, s, overrides);
    }

    private static List<String> withRepository(Setup s, String repository, String... overrides) {
        return command(repository, s.csv(), s, overrides);
    }

    /** A good command line with the mistake's options put in (replacing the good value of the same option). */
    private static List<String> command(String repository, String input, Setup s, String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--model-repository",
                repository,
                "--model",
                "fraud",
                "--input",
                input,
                "--output",
                s.dir().resolve("out").toString()));
        for (int i = 0; i < overrides.length; i += 2) {
            int at = args.indexOf(overrides[i]);
            if (at >= 0) {
                args.set(at + 1, overrides[i + 1]);
            } else {
                args.addAll(List.of(overrides[i], overrides[i + 1]));
            }
        }
        return args;
    }

    private static List<String> kafka(Setup s, String servers, String registry, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--model-repository",
                s.repository(),
                "--model",
                "fraud",
                "--input",
                s.csv(),
                "--bootstrap-servers",
                servers,
                "--schema-registry-url",
                registry));
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> kafkaInput(Setup s, String topic) {
        return List.of(
                "--model-repository",
                s.repository(),
                "--model",
                "fraud",
                "--input-topic",
                topic,
                "--output",
                s.dir().resolve("out").toString(),
                "--bootstrap-servers",
                s.stack().bootstrapServers(),
                "--schema-registry-url",
                s.stack().registryUrl());
    }

    /** One in-process run of the entry point, with its output and how long it took. */
    private static CommandRun batchScore(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = BatchScorerMain.run(
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
}
