/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch;

import dev.inferstream.batch.job.BacktestReport;
import dev.inferstream.batch.job.BatchScoringJob;
import dev.inferstream.batch.job.JobOptions;
import dev.inferstream.batch.scoring.ScoringOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the batch scoring job: on an embedded MiniCluster when started with {@code java}, or on a cluster when
 * submitted with {@code flink run flink-batch-scorer.jar …}.
 */
public final class BatchScorerMain {
    private BatchScorerMain() {}

    public static void main(String[] args) throws Exception {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options);
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("inferstream batch scoring: " + options.model());
        Long scored = result.getAccumulatorResult(ScoringOperator.SCORED);
        Long deadLettered = result.getAccumulatorResult(ScoringOperator.DEAD_LETTERED);
        System.out.printf(
                "batch scoring of %s finished in %.1f s: %,d rows scored, %,d dead-lettered (job %s)%n",
                options.model(),
                (System.nanoTime() - start) / 1e9,
                scored == null ? 0 : scored,
                deadLettered == null ? 0 : deadLettered,
                result.getJobID());
        BacktestReport backtest = BacktestReport.of(options, result);
        if (backtest != null) {
            System.out.println(backtest.summary());
            if (options.backtest().report() != null) {
                backtest.write(java.nio.file.Path.of(options.backtest().report()));
                System.out.println("report: " + options.backtest().report());
            }
            if (!backtest.passed()) {
                System.exit(3);
            }
        }
    }
}
