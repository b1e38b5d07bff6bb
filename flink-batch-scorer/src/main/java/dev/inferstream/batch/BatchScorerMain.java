/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch;

import dev.inferstream.batch.job.BacktestReport;
import dev.inferstream.batch.job.BatchScoringJob;
import dev.inferstream.batch.job.InvalidJobException;
import dev.inferstream.batch.job.JobArguments;
import dev.inferstream.batch.job.JobOptions;
import dev.inferstream.batch.job.Preflight;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.batch.scoring.ScoringOperator;
import dev.inferstream.schemas.ProjectVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batch-score}: checks the command line and everything the job needs (exit 2 with every problem), then runs
 * the batch scoring job — on an embedded MiniCluster when started with {@code java}, or on a cluster when submitted
 * with {@code flink run flink-batch-scorer.jar …}. Exit 0 done, 1 the job failed, 2 misuse or a check failed,
 * 3 a backtest failed its gate.
 */
@Command(
        name = "batch-score",
        versionProvider = BatchScorerMain.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Scores Avro or CSV files, or a bounded range of a Kafka topic, with a published ONNX model: "
                + "the same model path, routing and prediction envelopes as the streaming scorer.",
        footer = {
            "",
            "Kafka client settings: --kafka.<key> <value> (e.g. --kafka.security.protocol SSL); registry settings: "
                    + "--schema.registry.<key> <value>, --basic.auth.<key> <value>.",
            "Exit codes: 0 done, 1 the job failed, 2 misuse or a pre-start check failed, 3 the backtest gate failed."
        })
public final class BatchScorerMain implements Callable<Integer> {
    /** Exit code of a job that started and failed. */
    static final int FAILED = 1;
    /** Exit code of a command line or set-up that cannot work (every problem printed). */
    static final int INVALID = 2;
    /** Exit code of a backtest whose candidate failed the accuracy gate. */
    static final int BACKTEST_FAILED = 3;

    @Mixin
    JobArguments arguments;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 0,
            description = "Show this help and exit.")
    boolean help;

    @Option(
            names = "-V",
            versionHelp = true,
            order = 0,
            description = "Print the version and exit (as --version without a value does).")
    boolean version;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        BatchScorerMain command = new BatchScorerMain();
        CommandLine cli = JobOptions.commandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("batch-score: the job failed: " + rootMessage(e));
            return FAILED;
        });
        return cli.execute(command.arguments.takeClientSettings(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (arguments.versionRequested()) {
            spec.commandLine().printVersionHelp(out);
            return 0;
        }
        JobOptions options = JobOptions.check(spec.commandLine(), arguments);
        JobModels models;
        try {
            models = Preflight.check(options);
        } catch (InvalidJobException e) {
            spec.commandLine().getErr().println("batch-score: " + e.getMessage());
            return INVALID;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options, models);
        if (!env.getConfiguration().getOptional(DeploymentOptions.ATTACHED).orElse(true)) {
            // flink run -d: the job runs on without this client
            JobClient job = env.executeAsync("inferstream batch scoring: " + options.jobName());
            out.printf("batch scoring of %s submitted as job %s%n", options.model(), job.getJobID());
            return 0;
        }
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("inferstream batch scoring: " + options.jobName());
        Long scored = result.getAccumulatorResult(ScoringOperator.SCORED);
        Long deadLettered = result.getAccumulatorResult(ScoringOperator.DEAD_LETTERED);
        out.printf(
                "batch scoring of %s finished in %.1f s: %,d rows scored, %,d dead-lettered (job %s)%n",
                options.model(),
                (System.nanoTime() - start) / 1e9,
                scored == null ? 0 : scored,
                deadLettered == null ? 0 : deadLettered,
                result.getJobID());
        Long unexplained = result.getAccumulatorResult(ScoringOperator.UNEXPLAINED);
        if (options.explainTopK() > 0 && unexplained != null && unexplained > 0) {
            out.printf("%,d predictions were written without an explanation (the job's log says why)%n", unexplained);
        }
        BacktestReport backtest = BacktestReport.of(options, result);
        if (backtest == null) {
            return 0;
        }
        out.println(backtest.summary());
        if (options.backtest().report() != null) {
            backtest.write(Path.of(options.backtest().report()));
            out.println("report: " + options.backtest().report());
        }
        return backtest.passed() ? 0 : BACKTEST_FAILED;
    }

    /** The innermost message of a failure: what went wrong in the job, not the layers Flink wrapped it in. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** The project's version, as every inferstream command line prints it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProjectVersion.line("batch-score")};
        }
    }
}
